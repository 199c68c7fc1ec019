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

  it('records where it went, then the first answer wins and is audited; a later one changes nothing', async () => {
    await stores.duties.claim(RUN, 'a', DUE);
    await stores.duties.markPosted(KEY, [COPY], undefined, DUE);
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

  it('a snoozed run comes back exactly once when its time has come, and keeps its first copies', async () => {
    await stores.duties.claim(RUN, 'a', DUE);
    await stores.duties.markPosted(KEY, [COPY], undefined, DUE);
    expect(await stores.duties.snooze(KEY, DUE + 900_000, ctx('alice@contoso.com', DUE + 60_000))).toBe(true);
    expect(await stores.duties.dueSnoozes(DUE + 899_999)).toEqual([]);
    expect(await stores.duties.takeBackSnoozed(KEY, 'b', DUE + 899_999)).toBe(false);
    expect((await stores.duties.dueSnoozes(DUE + 900_000)).map((r) => r.key)).toEqual([KEY]);
    const other = KnexDutyStore.create(t.db);
    const taken = await Promise.all([stores.duties.takeBackSnoozed(KEY, 'a', DUE + 900_000), other.takeBackSnoozed(KEY, 'b', DUE + 900_000)]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await stores.duties.takeBackSnoozed(KEY, 'a', DUE + 960_000)).toBe(false);
    await stores.duties.markPosted(KEY, [{ ...COPY, activityId: 'act-2' }], undefined, DUE + 900_000);
    expect(await stores.duties.run(KEY)).toMatchObject({
      state: 'posted',
      copies: [COPY, { ...COPY, activityId: 'act-2' }],
      snoozedBy: 'alice@contoso.com',
      snoozedAt: DUE + 60_000,
    });
    expect((await stores.duties.run(KEY))!.snoozedUntil).toBeUndefined();
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
});
