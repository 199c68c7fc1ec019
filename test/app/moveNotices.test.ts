import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MoveNoticeJobs } from '../../app/jobs/moveNotices.js';
import type { PersonRef } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import { redeliverNoticesTo, type MoveNoticeDelivery } from '../../app/usecases/moveNoticeDelivery.js';
import { Pacer } from '../../app/usecases/moveNoticePacer.js';
import { notifyMovesCommand } from '../../app/usecases/moveNoticeSettings.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { scheduleFromStored } from '../../app/usecases/state.js';
import { parseRotationFile } from '../../rotation/file.js';
import { createStores } from '../../db/stores.js';
import { undeliveredWork } from '../../app/jobs/undeliveredStatus.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

const FILE = `timezone: Europe/Berlin
admins: [erin@contoso.com]
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
`;
/** Tue 1 Dec 2026 10:35 Berlin: ops is Dave's (since 30 Nov), then Alice 7 Dec, Bob 14 Dec, Carol 21 Dec, Dave 28 Dec. */
const NOW = Date.parse('2026-12-01T09:35:00Z');
const WEEK = 7 * 86_400_000;
const silent = { info: () => undefined, warn: () => undefined };
const ctx = (actor: string, now = NOW) => ({ actor, source: 'chat' as const, now });

describe.each(ENGINES)('shift-moved notices (the job) on %s', (engine) => {
  let w: ChatWorld;
  let clock: { now: number };
  let sent: Array<{ to: string; text: string }>;
  let unreachable: Set<string>;
  let failing: number;
  let job: MoveNoticeJobs;
  let delivery: MoveNoticeDelivery;
  beforeEach(async () => {
    w = await chatWorld(engine, FILE, NOW);
    clock = { now: NOW };
    sent = [];
    unreachable = new Set();
    failing = 0;
    const sender = {
      sendToPerson: async (to: PersonRef, text: string) => {
        if (failing > 0 && failing--) throw Object.assign(new Error('Teams answered 502'), { statusCode: 502 });
        if (unreachable.has(to.email)) throw new PersonUnreachable(to.email, 'Rota is not installed for them');
        sent.push({ to: to.email, text });
        return { conversationId: `a:${to.email}`, activityId: String(sent.length) };
      },
    };
    const pacer = new Pacer(() => clock.now, async (ms) => void (clock.now += ms));
    delivery = { deps: w.deps, sender, pacer, holder: 'test', clock: () => clock.now, log: silent };
    job = new MoveNoticeJobs({ delivery, notices: w.deps.stores.notices, leases: createStores(w.t.db).leases, horizonMs: 4 * WEEK, load: async () => {
      const state = await createStores(w.t.db).rotations.load();
      return { state, schedule: scheduleFromStored(state) };
    }, swapParties: async (id) => w.deps.stores.swaps.swap(id).then((s) => (s ? [s.proposer, s.counterpart] : [])) });
    await job.tick(NOW);
  });
  afterEach(() => w.stop());

  it('the first run only records; time off by Bob tells Carol, who takes his week (Bob made the change: not him)', async () => {
    expect(sent).toEqual([]);
    await w.deps.stores.changes.addTimeOff({ member: 'bob@contoso.com', start: berlin('2026-12-14 00:00'), end: berlin('2026-12-21 00:00'), spec: { from: '2026-12-14', to: '2026-12-20' } }, ctx('bob@contoso.com'));
    await job.tick(NOW + 60_000);
    expect(sent).toEqual([{
      to: 'carol@contoso.com',
      text: [
        'Your shifts moved (a change by someone else):',
        '- Op of the Week: Mon 21 Dec 12:00 GMT+1 – Mon 28 Dec 12:00 GMT+1 → Mon 14 Dec 12:00 GMT+1 – Mon 21 Dec 12:00 GMT+1',
        'Say "my shifts" for your schedule, or "notify moves off" to stop these messages.',
      ].join('\n'),
    }]);
    await job.tick(NOW + 120_000);
    expect(sent).toHaveLength(1);
  });

  it('"remind off" does not silence it, "notify moves off" does; an accepted swap tells neither party', async () => {
    await w.deps.stores.people.setReminders('alice@contoso.com', false, ctx('alice@contoso.com'));
    expect(await notifyMovesCommand(w.deps, { email: 'carol@contoso.com', now: NOW }, 'off')).toEqual({ ok: true, value: { on: false, changed: true } });
    // Erin (an admin) has Carol cover Alice's week of 7 Dec.
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: berlin('2026-12-07 12:00'), end: berlin('2026-12-14 12:00'), member: 'carol@contoso.com', replaces: 'alice@contoso.com' }, ctx('erin@contoso.com'));
    await job.tick(NOW + 60_000);
    expect(sent.map((s) => s.to)).toEqual(['alice@contoso.com']);
    expect(sent[0]!.text).toContain('Op of the Week: Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1 → not yours any more');
    // Bob and Dave swap 14 Dec and 28 Dec: Dave accepts.
    const swap = await w.deps.stores.swaps.createSwap({ rotationId: 'ops', proposer: 'bob@contoso.com', counterpart: 'dave@contoso.com', proposerShiftStart: berlin('2026-12-14 12:00'), counterpartShiftStart: berlin('2026-12-28 12:00'), expiresAt: NOW + 86_400_000 }, ctx('bob@contoso.com'));
    await w.deps.stores.swaps.decideSwap(swap.id, 'accepted', [
      { rotationId: 'ops', start: berlin('2026-12-14 12:00'), end: berlin('2026-12-21 12:00'), member: 'dave@contoso.com', replaces: 'bob@contoso.com' },
      { rotationId: 'ops', start: berlin('2026-12-28 12:00'), end: berlin('2027-01-04 12:00'), member: 'bob@contoso.com', replaces: 'dave@contoso.com' },
    ], ctx('dave@contoso.com', NOW + 90_000));
    await job.tick(NOW + 120_000);
    expect(sent.map((s) => s.to)).toEqual(['alice@contoso.com']);
    // Bob cancels it: Dave is told by the cancel's own message, so neither gets a shift-moved one.
    await w.deps.stores.changes.cancelSwap(swap.id, 'accepted', ctx('bob@contoso.com', NOW + 150_000));
    await job.tick(NOW + 180_000);
    expect(sent.map((s) => s.to)).toEqual(['alice@contoso.com']);
    expect((await w.deps.stores.notices.mark())!.batch).toBe(4);
  });

  it('a roster edit by another process (rota apply) is found by the minute tick; a new member is told every shift they now have', async () => {
    const other = new RotaService(createStores(w.t.db));
    const file = parseRotationFile(`${FILE}  - id: mro\n    name: MRO\n    start: 2026-12-02\n    every: 1w\n    handoff: "Wed 09:00"\n    members: [frank@contoso.com, erin@contoso.com]\n`);
    if (!file.ok) throw new Error('bad file');
    await other.applyFile(file.value, { actor: 'rota-file', source: 'file', now: NOW + 30_000 });
    await job.tick(NOW + 60_000);
    // MRO from Wed 2 Dec 09:00, weekly: Frank 2 Dec, Erin 9 Dec, Frank 16 Dec, Erin 23 Dec (the window ends Tue 29 Dec).
    expect(sent.map((s) => [s.to, s.text.split('\n').slice(1, -1)])).toEqual([
      ['erin@contoso.com', ['- MRO: new: Wed 9 Dec 09:00 GMT+1 – Wed 16 Dec 09:00 GMT+1', '- MRO: new: Wed 23 Dec 09:00 GMT+1 – Wed 30 Dec 09:00 GMT+1']],
      ['frank@contoso.com', ['- MRO: new: Wed 2 Dec 09:00 GMT+1 – Wed 9 Dec 09:00 GMT+1', '- MRO: new: Wed 16 Dec 09:00 GMT+1 – Wed 23 Dec 09:00 GMT+1']],
    ]);
  });

  it('someone Rota cannot reach: undelivered, then sent once when they write; a 502 is tried again at the next tick', async () => {
    unreachable.add('carol@contoso.com');
    await w.deps.stores.changes.addTimeOff({ member: 'bob@contoso.com', start: berlin('2026-12-14 00:00'), end: berlin('2026-12-21 00:00'), spec: { from: '2026-12-14', to: '2026-12-20' } }, ctx('bob@contoso.com'));
    await job.tick(NOW + 60_000);
    const [kept] = await w.deps.stores.notices.noticesIn('undelivered');
    expect([kept!.member, kept!.outcome]).toEqual(['carol@contoso.com', 'Rota is not installed for them']);
    expect(await undeliveredWork(createStores(w.t.db), NOW + 120_000)).toEqual([
      { kind: 'shift-moved', rotation: 'ops', what: '1 moved shift', at: '2026-12-01T10:36:00+01:00', to: ['carol@contoso.com'], reason: 'Rota is not installed for them' },
    ]);
    unreachable.clear();
    expect(await redeliverNoticesTo(delivery, 'carol@contoso.com', clock.now)).toBe(1);
    expect(await redeliverNoticesTo(delivery, 'carol@contoso.com', clock.now)).toBe(0);
    expect(sent.map((s) => s.to)).toEqual(['carol@contoso.com']);
    failing = 1;
    await w.deps.stores.changes.addTimeOff({ member: 'alice@contoso.com', start: berlin('2026-12-07 00:00'), end: berlin('2026-12-14 00:00'), spec: { from: '2026-12-07', to: '2026-12-13' } }, ctx('alice@contoso.com'));
    await job.tick(NOW + 120_000);
    // After Bob's time off Carol has 14–21 Dec and Bob 21–28; Alice's time off (7–14) gives her week to the next one
    // on duty, Carol, and Carol's 14–21 to Alice. Alice made the change, Bob's week stays: Carol's is the only notice.
    const failedNow = await w.deps.stores.notices.noticesIn('failed');
    expect(failedNow.map((n) => [n.member, n.outcome])).toEqual([['carol@contoso.com', 'sending failed: Teams answered 502']]);
    await job.tick(NOW + 180_000);
    expect((await w.deps.stores.notices.noticesIn('failed')).length).toBe(0);
    // Carol's: the one redelivered when she wrote, then this one, sent at the next tick.
    expect(sent.map((s) => [s.to, s.text.split('\n')[1]])).toEqual([
      ['carol@contoso.com', '- Op of the Week: Mon 21 Dec 12:00 GMT+1 – Mon 28 Dec 12:00 GMT+1 → Mon 14 Dec 12:00 GMT+1 – Mon 21 Dec 12:00 GMT+1'],
      ['carol@contoso.com', '- Op of the Week: Mon 14 Dec 12:00 GMT+1 – Mon 21 Dec 12:00 GMT+1 → Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1'],
    ]);
  });
});
