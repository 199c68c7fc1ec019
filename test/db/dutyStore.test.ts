import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexDutyStore } from '../../db/duties/KnexDutyStore.js';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const KEY = 'duty:ops:1a2b3c4d:2026-03-27';
const DUE = Date.parse('2026-03-27T08:15:00Z');
const RUN = { key: KEY, rotationId: 'ops', dueAt: DUE, late: false, assignees: ['alice@contoso.com'], detail: { any: 'thing' } };
const ctx = (actor: string, now: number) => ({ actor, source: 'chat' as const, now });
const COPY = { via: 'personal' as const, conversationId: 'a:chat-alice', activityId: 'act-1' };

describe.each(ENGINES)('duty runs (DutyStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it('claims an occurrence exactly once, also when two replicas claim it at the same moment', async () => {
    const other = KnexDutyStore.create(t.db);
    const claims = await Promise.all([stores.duties.claim(RUN, 'replica-a', DUE), other.claim(RUN, 'replica-b', DUE), stores.duties.claim(RUN, 'replica-a', DUE + 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await stores.duties.recordMissed(RUN, 'down', DUE)).toBe(false);
    expect((await t.db('duty_runs').select('key')).length).toBe(1);
  });

  it("refreshing a claim: only its holder's, only while claimed; a refreshed claim is not stale, and a taken-over one refreshes no more", async () => {
    await stores.duties.claim(RUN, 'a', DUE);
    expect(await stores.duties.refreshClaim(KEY, 'b', DUE + 60_000)).toBe(false);
    expect(await stores.duties.refreshClaim(KEY, 'a', DUE + 8 * 60_000)).toBe(true);
    expect(await stores.duties.staleClaims(DUE + 5 * 60_000)).toEqual([]);
    expect(await stores.duties.retakeStaleClaim(KEY, 'b', DUE + 5 * 60_000, DUE + 15 * 60_000)).toBe(false);
    expect(await stores.duties.retakeStaleClaim(KEY, 'b', DUE + 8 * 60_000, DUE + 20 * 60_000)).toBe(true);
    expect(await stores.duties.refreshClaim(KEY, 'a', DUE + 21 * 60_000)).toBe(false);
    expect(await stores.duties.recordCopy(KEY, 'a', COPY, DUE + 21 * 60_000)).toBe(false);
    expect(await stores.duties.recordCopy(KEY, 'b', COPY, DUE + 21 * 60_000)).toBe(true);
    await stores.duties.markPosted(KEY, undefined, DUE + 22 * 60_000);
    expect(await stores.duties.refreshClaim(KEY, 'b', DUE + 23 * 60_000)).toBe(false);
    expect(await stores.duties.recordCopy(KEY, 'b', { ...COPY, activityId: 'act-9' }, DUE + 23 * 60_000)).toBe(false);
    expect((await stores.duties.run(KEY))!.copies).toEqual([COPY]);
  });

  it('a partial delivery keeps its copies and is undelivered, so the others are tried again; the retry adds its copy', async () => {
    await stores.duties.claim({ ...RUN, assignees: ['alice@contoso.com', 'bob@contoso.com'] }, 'a', DUE);
    await stores.duties.recordCopy(KEY, 'a', { ...COPY, to: 'alice@contoso.com' }, DUE);
    await stores.duties.markUndelivered(KEY, 'bob@contoso.com: not installed', DUE);
    expect(await stores.duties.run(KEY)).toMatchObject({ state: 'undelivered', note: 'bob@contoso.com: not installed', copies: [{ ...COPY, to: 'alice@contoso.com' }] });
    expect(await stores.duties.retakeUndelivered(KEY, 'a', DUE + 900_000)).toBe(true);
    const bobs = { via: 'personal' as const, conversationId: 'a:chat-bob', activityId: 'act-2', to: 'bob@contoso.com' };
    await stores.duties.recordCopy(KEY, 'a', bobs, DUE + 900_000);
    await stores.duties.markPosted(KEY, undefined, DUE + 900_000);
    const run = (await stores.duties.run(KEY))!;
    expect([run.state, run.note, run.copies]).toEqual(['posted', undefined, [{ ...COPY, to: 'alice@contoso.com' }, bobs]]);
  });

  it('records where it went, then the first answer wins and is audited; a later one changes nothing', async () => {
    await stores.duties.claim(RUN, 'a', DUE);
    await stores.duties.recordCopy(KEY, 'a', COPY, DUE);
    await stores.duties.markPosted(KEY, undefined, DUE);
    const results = await Promise.all([
      stores.duties.answer(KEY, { kind: 'skipped', reason: 'backup job disabled today' }, ctx('alice@contoso.com', DUE + 1000)),
      stores.duties.answer(KEY, { kind: 'done' }, ctx('bob@contoso.com', DUE + 1000)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores.duties.answer(KEY, { kind: 'done' }, ctx('erin@contoso.com', DUE + 2000))).toBe(false);
    const run = (await stores.duties.run(KEY))!;
    expect(run).toMatchObject({ state: 'posted', copies: [COPY], assignees: ['alice@contoso.com'] });
    expect(await stores.duties.snooze(KEY, DUE + 900_000, ctx('alice@contoso.com', DUE + 3000))).toBe(false);
    const audit = await t.db('audit_log').where('action', 'like', 'duty.%').select('action', 'actor');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(run.actor);
    expect(audit[0]!.action).toBe(run.answer === 'done' ? 'duty.done' : 'duty.skipped');
  });

  it('a snoozed run comes back exactly once when its time has come; its first copies are kept, moved aside as earlier', async () => {
    await stores.duties.claim(RUN, 'a', DUE);
    await stores.duties.recordCopy(KEY, 'a', COPY, DUE);
    await stores.duties.markPosted(KEY, undefined, DUE);
    expect(await stores.duties.snooze(KEY, DUE + 900_000, ctx('alice@contoso.com', DUE + 60_000))).toBe(true);
    expect(await stores.duties.dueSnoozes(DUE + 899_999)).toEqual([]);
    expect(await stores.duties.takeBackSnoozed(KEY, 'b', DUE + 899_999)).toBe(false);
    expect((await stores.duties.dueSnoozes(DUE + 900_000)).map((r) => r.key)).toEqual([KEY]);
    const other = KnexDutyStore.create(t.db);
    const taken = await Promise.all([stores.duties.takeBackSnoozed(KEY, 'a', DUE + 900_000), other.takeBackSnoozed(KEY, 'b', DUE + 900_000)]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await stores.duties.takeBackSnoozed(KEY, 'a', DUE + 960_000)).toBe(false);
    const holder = taken[0] ? 'a' : 'b';
    expect(await stores.duties.run(KEY)).toMatchObject({ state: 'claimed', copies: [{ ...COPY, earlier: true }], snoozedAt: DUE + 60_000 });
    await stores.duties.recordCopy(KEY, holder, { ...COPY, activityId: 'act-2' }, DUE + 900_000);
    await stores.duties.markPosted(KEY, undefined, DUE + 900_000);
    const back = (await stores.duties.run(KEY))!;
    expect(back).toMatchObject({ state: 'posted', copies: [{ ...COPY, earlier: true }, { ...COPY, activityId: 'act-2' }], snoozedBy: 'alice@contoso.com' });
    // Once the round that brought it back is recorded, nothing says a snooze is coming back any more.
    expect([back.snoozedUntil, back.snoozedAt]).toEqual([undefined, undefined]);
    expect(await t.db('audit_log').where({ action: 'duty.snoozed' }).pluck('actor')).toEqual(['alice@contoso.com']);
  });

  it('a claim left by a stopped replica is taken over once; undelivered and missed keep their reason', async () => {
    await stores.duties.claim(RUN, 'gone', DUE);
    expect(await stores.duties.retakeStaleClaim(KEY, 'b', DUE - 1, DUE + 180_000)).toBe(false);
    expect((await stores.duties.staleClaims(DUE + 60_000)).map((r) => r.key)).toEqual([KEY]);
    expect(await stores.duties.retakeStaleClaim(KEY, 'b', DUE + 60_000, DUE + 180_000)).toBe(true);
    expect(await stores.duties.retakeStaleClaim(KEY, 'c', DUE + 60_000, DUE + 180_000)).toBe(false);
    await stores.duties.markUndelivered(KEY, 'alice@contoso.com: no chat', DUE + 180_000);
    expect(await stores.duties.run(KEY)).toMatchObject({ state: 'undelivered', note: 'alice@contoso.com: no chat' });
    const old = { ...RUN, key: 'duty:ops:1a2b3c4d:2026-03-26', dueAt: DUE - 86_400_000 };
    expect(await stores.duties.recordMissed(old, 'Rota was not running', DUE)).toBe(true);
    expect((await stores.duties.runsBetween('ops', DUE - 86_400_000, DUE + 1)).map((r) => [r.key, r.state])).toEqual([
      ['duty:ops:1a2b3c4d:2026-03-26', 'missed'],
      [KEY, 'undelivered'],
    ]);
  });

  it('an undelivered run is listed once last tried long enough ago, retaken by one of two callers; answered or snoozed ones are not', async () => {
    const MIN = 60_000;
    await stores.duties.claim(RUN, 'a', DUE);
    await stores.duties.markUndelivered(KEY, 'alice@contoso.com: no chat', DUE);
    const snoozed = { ...RUN, key: 'duty:ops:snoozed:2026-03-27' };
    await stores.duties.claim(snoozed, 'a', DUE);
    await stores.duties.markUndelivered(snoozed.key, 'no chat', DUE);
    await stores.duties.snooze(snoozed.key, DUE + 60 * MIN, ctx('alice@contoso.com', DUE + MIN));
    expect((await stores.duties.undeliveredRuns(DUE - 86_400_000, DUE - 1)).map((r) => r.key)).toEqual([]); // tried after
    expect((await stores.duties.undeliveredRuns(DUE + 1, DUE + 15 * MIN)).map((r) => r.key)).toEqual([]); // due before
    expect((await stores.duties.undeliveredRuns(DUE - 86_400_000, DUE + 15 * MIN)).map((r) => r.key)).toEqual([KEY]);
    const both = await Promise.all([stores.duties.retakeUndelivered(KEY, 'a', DUE + 15 * MIN), stores.duties.retakeUndelivered(KEY, 'b', DUE + 15 * MIN)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await stores.duties.run(KEY)).toMatchObject({ state: 'claimed', updatedAt: DUE + 15 * MIN });
    await stores.duties.markUndelivered(KEY, 'still no chat', DUE + 15 * MIN);
    expect(await stores.duties.answer(KEY, { kind: 'done' }, ctx('alice@contoso.com', DUE + 20 * MIN))).toBe(true);
    expect(await stores.duties.retakeUndelivered(KEY, 'a', DUE + 30 * MIN)).toBe(false);
    expect(await stores.duties.retakeUndelivered(snoozed.key, 'a', DUE + 30 * MIN)).toBe(false);
  });
});
