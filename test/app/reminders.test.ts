import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonRef } from '../../app/usecases/context.js';
import { HandoffJobs } from '../../app/jobs/handoffs.js';
import { reminderKey } from '../../app/jobs/reminders.js';
import { deliverPendingReminders } from '../../app/usecases/pendingReminders.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { createStores, type Stores } from '../../db/stores.js';
import { parseRotationFile } from '../../rotation/file.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

// Night on call from Mon 7 Dec 2026: bob, carol, dave, one day each, handed over at 08:00, on duty 20:00-08:00.
// Dave's shift is handed over Wed 9 Dec 08:00 (07:00Z) and he is on duty from Wed 9 Dec 20:00 Berlin (19:00Z).
const FILE = `
timezone: Europe/Berlin
rotations:
  - id: night
    name: Night on call
    start: 2026-12-07
    every: 1d
    handoff: "08:00"
    hours: "20:00-08:00"
    members: [bob@contoso.com, carol@contoso.com, dave@contoso.com]
`;
const DAVE = 'dave@contoso.com';
const DAVE_ON = Date.parse('2026-12-09T19:00:00Z');
const H = 3_600_000;
const text = (start: string) => `Heads-up: your **Night on call** shift starts ${start}. Say "remind off" to stop these.`;

describe.each(ENGINES)('reminders before on-duty stretches (%s)', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  let service: RotaService;
  let sent: Array<{ to: string; text: string }>;
  let warnings: Array<Record<string, unknown>>;
  let reachable: Set<string>;
  let failWith: Error | undefined;
  let jobs: HandoffJobs;

  const startJobs = (holder: string) =>
    new HandoffJobs({
      deps: { service, stores },
      leases: stores.leases,
      holder,
      ackMinutes: 30,
      log: { info: () => undefined, warn: (o) => void warnings.push(o as Record<string, unknown>) },
      poster: {
        postHandoff: async () => undefined,
        sendPersonal: async (p: PersonRef, body: string) => {
          if (failWith) throw failWith;
          if (!reachable.has(p.email)) return false;
          sent.push({ to: p.email, text: body });
          return true;
        },
      },
    });
  const toDave = () => sent.filter((s) => s.to === DAVE).map((s) => s.text);
  const state = async (key: string) => (await stores.posts.post(key))?.state;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
    service = new RotaService(stores);
    const file = parseRotationFile(FILE);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    await service.applyFile(file.value, { actor: 'test', source: 'file', now: Date.parse('2026-12-01T09:00:00Z') });
    sent = [];
    warnings = [];
    reachable = new Set(['bob@contoso.com', 'carol@contoso.com', DAVE, 'erin@contoso.com']);
    failWith = undefined;
    jobs = startJobs('replica-1');
  });
  afterEach(() => t.destroy());

  it('names the start of the on-duty stretch (20:00), 24 h before it, not the 08:00 handoff', async () => {
    await jobs.tick(Date.parse('2026-12-08T07:00:00Z')); // 24 h before the handoff: too early for the stretch
    expect(toDave()).toEqual([]);
    await jobs.tick(DAVE_ON - 24 * H);
    await jobs.tick(DAVE_ON - 24 * H + 60_000);
    expect(toDave()).toEqual([text('Wed 9 Dec 20:00 GMT+1')]);
    expect(await state(reminderKey('night', DAVE_ON, DAVE, 1440))).toBe('posted');
  });

  it('someone covering part of a shift is reminded of their own stretch; the person they cover, of theirs', async () => {
    await stores.changes.addOverride({ rotationId: 'night', start: DAVE_ON, end: DAVE_ON + 2 * H, member: 'erin@contoso.com', replaces: DAVE }, { actor: DAVE, source: 'chat', now: 0 });
    await stores.changes.addOverride({ rotationId: 'night', start: DAVE_ON + 5 * H, end: DAVE_ON + 6 * H, member: 'bob@contoso.com', replaces: DAVE }, { actor: DAVE, source: 'chat', now: 0 });
    service.changed('test');
    for (let at = DAVE_ON - 26 * H; at < DAVE_ON + 12 * H; at += H) await jobs.tick(at);
    expect(sent.filter((s) => s.to === 'erin@contoso.com').map((s) => s.text)).toEqual([text('Wed 9 Dec 20:00 GMT+1')]);
    expect(toDave()).toEqual([text('Wed 9 Dec 22:00 GMT+1')]); // his own stretch, after Erin's two hours
    // Bob: his own night (Thu 10 Dec 20:00, in the window ticked) and the hour he covers for Dave (Thu 01:00).
    expect(sent.filter((s) => s.to === 'bob@contoso.com').map((s) => s.text)).toEqual([text('Thu 10 Dec 01:00 GMT+1'), text('Thu 10 Dec 20:00 GMT+1')]);
  });

  it('remind 1d 2h: two reminders per stretch, each once, also across a restart; a missed one is not sent with the next', async () => {
    await stores.people.setReminders(DAVE, true, { actor: DAVE, source: 'chat', now: 0 }, [1440, 120]);
    await jobs.tick(DAVE_ON - 24 * H);
    await jobs.tick(DAVE_ON - 3 * H);
    expect(toDave()).toHaveLength(1);
    await jobs.tick(DAVE_ON - 2 * H);
    await jobs.release(DAVE_ON - 2 * H);
    jobs = startJobs('replica-2');
    await jobs.tick(DAVE_ON - 2 * H + 60_000);
    await jobs.tick(DAVE_ON - 60_000);
    expect(toDave()).toEqual([text('Wed 9 Dec 20:00 GMT+1'), text('Wed 9 Dec 20:00 GMT+1')]);
    expect(await state(reminderKey('night', DAVE_ON, DAVE, 120))).toBe('posted');

    // Carol's stretch (Tue 8 Dec 20:00 = 19:00Z): Rota first ticks 90 minutes before it, so only the 2h reminder goes out.
    await stores.people.setReminders('carol@contoso.com', true, { actor: 'carol@contoso.com', source: 'chat', now: 0 }, [1440, 120]);
    const carolOn = Date.parse('2026-12-08T19:00:00Z');
    await jobs.tick(carolOn - 90 * 60_000);
    expect(sent.filter((s) => s.to === 'carol@contoso.com')).toHaveLength(1);
    expect(await stores.posts.post(reminderKey('night', carolOn, 'carol@contoso.com', 1440))).toBeUndefined();
  });

  it('a reminder sent before the upgrade (keyed by the handoff, 24 h) is not sent again under the new key', async () => {
    const legacy = { key: `remind:night:${Date.parse('2026-12-09T07:00:00Z')}:${DAVE}`, kind: 'remind', rotationId: 'night', detail: { member: DAVE } };
    await stores.posts.claimPost(legacy, 'old', Date.parse('2026-12-08T07:00:00Z'));
    await stores.posts.markPosted(legacy.key, { conversationId: 'personal' }, Date.parse('2026-12-08T07:00:00Z'));
    await jobs.tick(DAVE_ON - 24 * H);
    expect(toDave()).toEqual([]);
  });

  it('remind off: nothing', async () => {
    await stores.people.setReminders(DAVE, false, { actor: DAVE, source: 'chat', now: 0 });
    await jobs.tick(DAVE_ON - 24 * H);
    expect(toDave()).toEqual([]);
  });

  it('no conversation: logged and recorded as undelivered, then sent when Dave writes before his stretch', async () => {
    reachable.delete(DAVE);
    await jobs.tick(DAVE_ON - 24 * H);
    const key = reminderKey('night', DAVE_ON, DAVE, 1440);
    expect(await stores.posts.post(key)).toMatchObject({ state: 'undelivered', detail: { member: DAVE, reason: expect.stringContaining('no personal chat') } });
    expect(warnings).toContainEqual(expect.objectContaining({ rotation: 'night', person: DAVE }));
    await jobs.tick(DAVE_ON - 23 * H);
    expect(toDave()).toEqual([]); // not retried blindly every minute

    const log = { info: () => undefined, warn: () => undefined };
    const inChat: string[] = [];
    const say = async (s: string) => void inChat.push(s);
    expect(await deliverPendingReminders({ service, stores }, 'carol@contoso.com', DAVE_ON - 2 * H, say, log)).toBe(0); // not Carol's
    expect(await deliverPendingReminders({ service, stores }, 'Dave@contoso.com', DAVE_ON - 2 * H, say, log)).toBe(1);
    expect(inChat).toEqual([text('Wed 9 Dec 20:00 GMT+1')]);
    expect(await state(key)).toBe('posted');
    expect(await deliverPendingReminders({ service, stores }, DAVE, DAVE_ON - H, say, log)).toBe(0);
  });

  it('too late when he writes: it stays undelivered (rota status shows it)', async () => {
    reachable.delete(DAVE);
    await jobs.tick(DAVE_ON - 24 * H);
    const inChat: string[] = [];
    expect(await deliverPendingReminders({ service, stores }, DAVE, DAVE_ON + 60_000, async (s) => void inChat.push(s), { info: () => undefined, warn: () => undefined })).toBe(0);
    expect(inChat).toEqual([]);
    expect(await state(reminderKey('night', DAVE_ON, DAVE, 1440))).toBe('undelivered');
  });

  it('the connector failing: recorded with its error, never left claimed', async () => {
    failWith = new Error('503 from the Bot Connector');
    await jobs.tick(DAVE_ON - 24 * H);
    expect(await stores.posts.post(reminderKey('night', DAVE_ON, DAVE, 1440))).toMatchObject({ state: 'undelivered', detail: { reason: 'sending failed: 503 from the Bot Connector' } });
    expect(await stores.posts.postsIn('remind', 'claimed')).toEqual([]);
  });

  it('Rota not installed for Dave (403): recorded with that reason, tried again every 15 minutes, sent once installed', async () => {
    failWith = new PersonUnreachable(DAVE, 'Rota is not installed for dave@contoso.com in Teams');
    await jobs.tick(DAVE_ON - 24 * H);
    const key = reminderKey('night', DAVE_ON, DAVE, 1440);
    expect(await stores.posts.post(key)).toMatchObject({ state: 'undelivered', detail: { reason: 'Rota is not installed for dave@contoso.com in Teams' } });
    expect(warnings).toContainEqual(expect.objectContaining({ person: DAVE, reason: 'Rota is not installed for dave@contoso.com in Teams' }));
    failWith = undefined;
    await jobs.tick(DAVE_ON - 24 * H + 14 * 60_000); // 14 minutes later: not yet
    expect(toDave()).toEqual([]);
    expect(await state(key)).toBe('undelivered');
    await jobs.tick(DAVE_ON - 24 * H + 15 * 60_000); // installed meanwhile (the sync's side): the retry reaches him
    expect(toDave()).toEqual([text('Wed 9 Dec 20:00 GMT+1')]);
    expect(await state(key)).toBe('posted');
  });

  it('a Rota that stopped between claim and send: the next tick sends it if in time, else records it as missed', async () => {
    const claimedAt = DAVE_ON - 24 * H;
    const detail = { member: DAVE, rotation: { id: 'night', name: 'Night on call', timezone: 'Europe/Berlin' }, start: DAVE_ON, end: DAVE_ON + 12 * H, shiftStart: DAVE_ON - 12 * H, leadMinutes: 1440 };
    const key = reminderKey('night', DAVE_ON, DAVE, 1440);
    await stores.posts.claimPost({ key, kind: 'remind', rotationId: 'night', detail }, 'crashed-replica', claimedAt);
    // Left by the code before 0007 (key by handoff, no details): cannot be sent again, so it is recorded as missed.
    await stores.posts.claimPost({ key: 'remind:night:1765263600000:carol@contoso.com', kind: 'remind', rotationId: 'night', detail: { member: 'carol@contoso.com' } }, 'old', claimedAt);
    await jobs.tick(claimedAt + 60_000); // a minute later: maybe still in flight, left alone
    expect(toDave()).toEqual([]);
    await jobs.tick(claimedAt + 11 * 60_000); // past STALE_CLAIM_MS (10 min)
    expect(toDave()).toEqual([text('Wed 9 Dec 20:00 GMT+1')]);
    expect(await state(key)).toBe('posted');
    expect(await stores.posts.post('remind:night:1765263600000:carol@contoso.com')).toMatchObject({ state: 'undelivered', detail: { reason: expect.stringContaining('older Rota') } });
    expect(await stores.posts.postsIn('remind', 'claimed')).toEqual([]);
  });
});
