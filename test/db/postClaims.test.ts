import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const CHECK = { key: 'check:morning:ops:2026-12-07', kind: 'morning-check', rotationId: 'ops', detail: { any: 'thing' } };
const MINUTE = 60_000;

describe.each(ENGINES)('refreshing a post claim while sending (PostStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it("only its holder's claim, only while claimed; a refreshed claim is not stale, and a taken-over one refreshes no more", async () => {
    expect(await stores.posts.claimPost(CHECK, 'a', 0)).toBe(true);
    expect(await stores.posts.refreshClaim(CHECK.key, 'b', MINUTE)).toBe(false);
    expect(await stores.posts.refreshClaim(CHECK.key, 'a', 8 * MINUTE)).toBe(true);
    expect(await stores.posts.postsIn('morning-check', 'claimed', { atOrBefore: 5 * MINUTE })).toEqual([]);
    expect(await stores.posts.retakeStaleClaim(CHECK.key, 'b', 5 * MINUTE, 15 * MINUTE)).toBe(false);
    expect(await stores.posts.retakeStaleClaim(CHECK.key, 'b', 8 * MINUTE, 20 * MINUTE)).toBe(true);
    expect(await stores.posts.refreshClaim(CHECK.key, 'a', 21 * MINUTE)).toBe(false);
    await stores.posts.markPosted(CHECK.key, { conversationId: 'a:chat' }, 22 * MINUTE);
    expect(await stores.posts.refreshClaim(CHECK.key, 'b', 23 * MINUTE)).toBe(false);
    expect((await stores.posts.post(CHECK.key))?.state).toBe('posted');
  });
});

describe.each(ENGINES)('recording an undelivered post with what was tried (PostStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it('the detail given replaces the claimed one, with the reason; without one the claimed detail stays; only a claimed post', async () => {
    await stores.posts.claimPost(CHECK, 'a', 0);
    await stores.posts.markUndelivered(CHECK.key, 'bob: no chat', MINUTE, { any: 'thing', unreached: { bob: 'no chat' } });
    expect((await stores.posts.post(CHECK.key))?.detail).toEqual({ any: 'thing', unreached: { bob: 'no chat' }, reason: 'bob: no chat' });
    await stores.posts.markUndelivered(CHECK.key, 'again', 2 * MINUTE, { other: 1 }); // no longer claimed: unchanged
    expect((await stores.posts.post(CHECK.key))?.detail).toEqual({ any: 'thing', unreached: { bob: 'no chat' }, reason: 'bob: no chat' });
    expect(await stores.posts.retakeUndelivered(CHECK.key, 'b', 3 * MINUTE)).toBe(true);
    await stores.posts.markUndelivered(CHECK.key, 'still no chat', 4 * MINUTE);
    expect((await stores.posts.post(CHECK.key))?.detail).toEqual({ any: 'thing', unreached: { bob: 'no chat' }, reason: 'still no chat' });
  });
});

describe.each(ENGINES)('a person retrying an undelivered post (PostStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it('one caller retakes it, audited with the claim; a second retake and a retake of a posted post change nothing', async () => {
    const status = { key: 'check:evening:ops:2026-12-07:status', kind: 'evening-check-status', rotationId: 'ops', detail: {} };
    await stores.posts.claimPost(status, 'chat:bob', 0);
    await stores.posts.markUndelivered(status.key, 'posting failed: 403', MINUTE);
    const audit = { ctx: { actor: 'bob@contoso.com', source: 'chat' as const, now: 2 * MINUTE }, action: 'check.evening.resubmitted', detail: { status: 'Again' } };
    expect(await Promise.all([stores.posts.retakeUndelivered(status.key, 'chat:bob', 2 * MINUTE, audit), stores.posts.retakeUndelivered(status.key, 'chat:bob', 2 * MINUTE, audit)])).toEqual(expect.arrayContaining([true, false]));
    await stores.posts.markPosted(status.key, { conversationId: '19:ops' }, 3 * MINUTE);
    expect(await stores.posts.retakeUndelivered(status.key, 'chat:bob', 4 * MINUTE, audit)).toBe(false);
    const rows = await t.db('audit_log').where({ action: 'check.evening.resubmitted' }).select('actor', 'rotation_id');
    expect(rows).toEqual([{ actor: 'bob@contoso.com', rotation_id: 'ops' }]);
  });
});
