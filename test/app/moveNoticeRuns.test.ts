import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MoveNoticeJobs } from '../../app/jobs/moveNotices.js';
import { undeliveredWork } from '../../app/jobs/undeliveredStatus.js';
import type { PersonRef } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import { redeliverNoticesTo, type MoveNoticeDelivery } from '../../app/usecases/moveNoticeDelivery.js';
import { Pacer } from '../../app/usecases/moveNoticePacer.js';
import { scheduleFromStored } from '../../app/usecases/state.js';
import type { NoticeStore } from '../../db/notices/NoticeStore.js';
import { createStores } from '../../db/stores.js';
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
/** Tue 1 Dec 2026 10:35 Berlin: ops is Dave's (30 Nov – 7 Dec), then Alice 7 Dec, Bob 14 Dec, Carol 21 Dec, Dave 28 Dec. */
const NOW = Date.parse('2026-12-01T09:35:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const silent = { info: () => undefined, warn: () => undefined };
const ctx = (actor: string, now: number) => ({ actor, source: 'chat' as const, now });

describe.each(ENGINES)('shift-moved notices: who is told, late commits, giving up, a send cut short, on %s', (engine) => {
  let w: ChatWorld;
  let clock: { now: number };
  let sent: Array<{ to: string; text: string }>;
  let unreachable: Set<string>;
  let delivery: MoveNoticeDelivery;
  const jobWith = (d: MoveNoticeDelivery) => new MoveNoticeJobs({ delivery: d, notices: w.deps.stores.notices, leases: createStores(w.t.db).leases, horizonMs: 4 * 7 * DAY, load: async () => {
    const state = await createStores(w.t.db).rotations.load();
    return { state, schedule: scheduleFromStored(state) };
  } });
  beforeEach(async () => {
    w = await chatWorld(engine, FILE, NOW);
    clock = { now: NOW };
    sent = [];
    unreachable = new Set();
    const sender = {
      sendToPerson: async (to: PersonRef, text: string) => {
        if (unreachable.has(to.email)) throw new PersonUnreachable(to.email, 'Rota is not installed for them');
        sent.push({ to: to.email, text });
        return { conversationId: `a:${to.email}`, activityId: String(sent.length) };
      },
    };
    delivery = { deps: w.deps, sender, pacer: new Pacer(() => clock.now, async (ms) => void (clock.now += ms)), holder: 'test', clock: () => clock.now, log: silent };
    await jobWith(delivery).tick(NOW);
  });
  afterEach(() => w.stop());
  const tick = (at: number) => {
    clock.now = at;
    return jobWith(delivery).tick(at);
  };
  const bobOffWeek = (at: number) => w.deps.stores.changes.addTimeOff({ member: 'bob@contoso.com', start: berlin('2026-12-14 00:00'), end: berlin('2026-12-21 00:00'), spec: { from: '2026-12-14', to: '2026-12-20' } }, ctx('bob@contoso.com', at));

  it("two changes in one run: Bob gives Erin Alice's 7 Dec week, Alice gives Erin Dave's 28 Dec week: Alice is told she lost 7 Dec", async () => {
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: berlin('2026-12-07 12:00'), end: berlin('2026-12-14 12:00'), member: 'erin@contoso.com', replaces: 'alice@contoso.com' }, ctx('bob@contoso.com', NOW + 10_000));
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: berlin('2026-12-28 12:00'), end: berlin('2027-01-04 12:00'), member: 'erin@contoso.com', replaces: 'dave@contoso.com' }, ctx('alice@contoso.com', NOW + 20_000));
    await tick(NOW + MINUTE);
    expect(sent.map((s) => s.to)).toEqual(['alice@contoso.com', 'dave@contoso.com', 'erin@contoso.com']);
    expect(sent[0]!.text.split('\n')[1]).toBe('- Op of the Week: Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1 → not yours any more');
  });

  it("take: the relieved person gets take's own message, not a shift-moved one; a plain cover tells the covered person", async () => {
    // Bob takes the pager from Dave at 10:35:30 until Dave's stretch ends (take.ts writes this override).
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: NOW + 30_000, end: berlin('2026-12-07 12:00'), member: 'bob@contoso.com', replaces: 'dave@contoso.com' }, ctx('bob@contoso.com', NOW + 30_000), 'take');
    await tick(NOW + MINUTE);
    expect(sent).toEqual([]);

    // Bob covers Alice's first day himself (cover, from Mon 7 Dec 12:00): cover tells nobody, so Alice is told here.
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: berlin('2026-12-07 12:00'), end: berlin('2026-12-08 12:00'), member: 'bob@contoso.com', replaces: 'alice@contoso.com' }, ctx('bob@contoso.com', NOW + 90_000));
    await tick(NOW + 2 * MINUTE);
    expect(sent.map((s) => s.to)).toEqual(['alice@contoso.com']);
  });

  it('a change committed after a higher audit id was seen (PostgreSQL) is still found at the next tick, with its actor', async () => {
    await bobOffWeek(NOW + 10_000);
    // As if the job had already seen a higher id while Bob's row was not yet committed: the mark is past it.
    const id = await w.deps.stores.notices.latestAuditId();
    await w.t.db('shift_notice_marks').update({ last_audit_id: id });
    await tick(NOW + MINUTE);
    expect(sent.map((s) => s.to)).toEqual(['carol@contoso.com']);
  });

  it('an undelivered notice is tried for a week after the change, then given up: not retried, not sent when they write', async () => {
    unreachable.add('carol@contoso.com');
    await bobOffWeek(NOW + 10_000);
    await tick(NOW + MINUTE);
    await tick(NOW + 6 * DAY);
    expect((await w.deps.stores.notices.noticesIn('undelivered')).map((n) => [n.member, n.attempts])).toEqual([['carol@contoso.com', 2]]);
    await tick(NOW + 8 * DAY);
    expect((await w.deps.stores.notices.noticesIn('given-up')).map((n) => [n.member, n.attempts])).toEqual([['carol@contoso.com', 2]]);
    unreachable.clear();
    expect(await redeliverNoticesTo(delivery, 'carol@contoso.com', NOW + 8 * DAY)).toBe(0);
    expect(sent).toEqual([]);
  });

  it('a send cut short after Teams accepted it is never sent again: unknown, listed by rota status with when the change happened', async () => {
    let kill = true;
    const store = w.deps.stores.notices;
    const dying = new Proxy(store, {
      get(target, key) {
        if (key === 'finish' && kill) {
          kill = false;
          return async () => {
            throw new Error('killed after Teams accepted it');
          };
        }
        const v: unknown = Reflect.get(target, key);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as NoticeStore;
    await bobOffWeek(NOW + 10_000);
    clock.now = NOW + MINUTE;
    await expect(jobWith({ ...delivery, deps: { ...w.deps, stores: { ...w.deps.stores, notices: dying } } }).tick(NOW + MINUTE)).rejects.toThrow('killed');
    expect(sent.map((s) => s.to)).toEqual(['carol@contoso.com']);
    await tick(NOW + 12 * MINUTE);
    await tick(NOW + 30 * MINUTE);
    expect(sent.map((s) => s.to)).toEqual(['carol@contoso.com']);
    expect(await undeliveredWork(createStores(w.t.db), NOW + 31 * MINUTE)).toEqual([
      { kind: 'shift-moved', rotation: 'ops', what: '1 moved shift', at: '2026-12-01T10:36:00+01:00', to: ['carol@contoso.com'], reason: 'the send was cut short: Teams may have shown it, so it is not sent again' },
    ]);
  });
});
