import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const ctx = (now: number) => ({ actor: 'dave@contoso.com', source: 'chat' as const, now });
const DAVE = 'dave@contoso.com';

describe.each(ENGINES)('reminder settings (PeopleStore) and outcomes (PostStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  const dave = async () => (await stores.people.people([DAVE])).get(DAVE);

  it('stores the chosen lead times (0007), resets them with plain "on", and audits every change', async () => {
    expect(await dave()).toBeUndefined();
    await stores.people.setReminders(DAVE, true, ctx(1), [1440, 120]);
    expect(await dave()).toMatchObject({ reminders: true, reminderLeads: [1440, 120] });
    await stores.people.setReminders(DAVE, false, ctx(2));
    expect(await dave()).toMatchObject({ reminders: false, reminderLeads: [1440, 120] });
    await stores.people.setReminders(DAVE, true, ctx(3));
    expect(await dave()).toEqual({ email: DAVE, reminders: true });
    const audit = await t.db('audit_log').orderBy('id').select('action', 'detail');
    expect(audit.map((a: { action: string; detail: string }) => [a.action, JSON.parse(a.detail)])).toEqual([
      ['reminders.on', { email: DAVE, leads: [1440, 120] }],
      ['reminders.off', { email: DAVE }],
      ['reminders.on', { email: DAVE, leads: 'default' }],
    ]);
  });

  it('an undelivered post keeps its detail with the reason; one caller retakes it; stale claims are told from fresh ones', async () => {
    const post = { key: 'remind:night:1:dave@contoso.com:1440m', kind: 'remind', rotationId: 'night', detail: { member: DAVE, start: 1 } };
    expect(await stores.posts.claimPost(post, 'r1', 100)).toBe(true);
    await stores.posts.markUndelivered(post.key, 'no chat', 110);
    expect(await stores.posts.post(post.key)).toMatchObject({ state: 'undelivered', detail: { member: DAVE, start: 1, reason: 'no chat' } });
    expect(await stores.posts.claimPost(post, 'r2', 120)).toBe(false); // undelivered is an outcome: the tick does not claim it again
    expect((await stores.posts.postsIn('remind', 'undelivered')).map((p) => p.key)).toEqual([post.key]);
    expect(await stores.posts.postsIn('remind', 'undelivered', { after: 110 })).toEqual([]);

    const retakes = await Promise.all([stores.posts.retakeUndelivered(post.key, 'turn-a', 130), stores.posts.retakeUndelivered(post.key, 'turn-b', 130)]);
    expect(retakes.filter(Boolean)).toHaveLength(1);
    expect((await stores.posts.post(post.key))?.state).toBe('claimed');

    expect(await stores.posts.retakeStaleClaim(post.key, 'r3', 129, 200)).toBe(false); // claimed at 130: not stale at 129
    expect((await stores.posts.postsIn('remind', 'claimed', { atOrBefore: 129 }))).toEqual([]);
    const stale = await Promise.all([stores.posts.retakeStaleClaim(post.key, 'r3', 130, 200), stores.posts.retakeStaleClaim(post.key, 'r4', 130, 200)]);
    expect(stale.filter(Boolean)).toHaveLength(1);
    await stores.posts.markPosted(post.key, { conversationId: 'personal' }, 201);
    await stores.posts.markUndelivered(post.key, 'late', 202); // only a claimed post gets an outcome
    expect((await stores.posts.post(post.key))?.state).toBe('posted');
  });
});
