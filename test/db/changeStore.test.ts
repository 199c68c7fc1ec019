import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const ctx = (actor: string, now: number) => ({ actor, source: 'chat' as const, now });
const A = 'a@contoso.com';
const B = 'b@contoso.com';

describe.each(ENGINES)('cancelling what the chat wrote, on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
    await t.db('rotations').insert({ id: 'ops', name: 'Ops', timezone: 'UTC', every: '1w', handoff: 'Mon 12:00', on_duty: 1, start_date: '2026-01-05', created_at: 0, updated_at: 0 });
  });
  afterEach(() => t.destroy());

  const actions = async () => (await t.db('audit_log').orderBy('id').pluck('action')) as string[];

  it('lists open overrides with their maker, and time off, every origin; over or cancelled ones are left out', async () => {
    const live = await stores.changes.addOverride({ rotationId: 'ops', start: 100, end: 200, member: B, replaces: A }, ctx(A, 10));
    await stores.changes.addOverride({ rotationId: 'ops', start: 20, end: 50, member: B }, ctx(A, 10));
    await stores.changes.addTimeOff({ member: A, start: 300, end: 400, spec: { from: 'x', to: 'y' } }, ctx(A, 10));
    const open = await stores.changes.openChanges(60);
    expect(open.overrides).toEqual([{ id: live, rotationId: 'ops', start: 100, end: 200, member: B, replaces: A, origin: 'chat', createdBy: A }]);
    expect(open.timeOff.map((x) => [x.member, x.start, x.end, x.origin, x.createdBy])).toEqual([[A, 300, 400, 'chat', A]]);
    expect(open.swaps).toEqual([]);
  });

  it('a cover not yet started is removed, one in progress ends at now; a second cancel finds nothing and writes nothing', async () => {
    const later = await stores.changes.addOverride({ rotationId: 'ops', start: 100, end: 200, member: B }, ctx(A, 10));
    const running = await stores.changes.addOverride({ rotationId: 'ops', start: 40, end: 200, member: B }, ctx(A, 10));
    expect(await stores.changes.cancelOverride(later, ctx(A, 50))).toBe('removed');
    expect(await stores.changes.cancelOverride(running, ctx(A, 50))).toBe('ended');
    expect(await stores.changes.cancelOverride(later, ctx(A, 60))).toBeUndefined();
    expect(await stores.changes.cancelOverride(running, ctx(A, 60))).toBeUndefined();
    const rows = await t.db('overrides').orderBy('start_at').select('id', 'start_at', 'end_at', 'cancelled_at');
    expect(rows.map((r) => [r.id, Number(r.start_at), Number(r.end_at), r.cancelled_at === null ? null : Number(r.cancelled_at)])).toEqual([
      [running, 40, 50, null],
      [later, 100, 200, 50],
    ]);
    expect(await actions()).toEqual(['override.added', 'override.added', 'override.cancelled', 'override.cancelled']);
  });

  it('time off not started is deleted; time off in progress ends at now with the spec export writes', async () => {
    const later = await stores.changes.addTimeOff({ member: A, start: 100, end: 200, spec: { from: '2026-01-01' } }, ctx(A, 10));
    const running = await stores.changes.addTimeOff({ member: A, start: 40, end: 200, spec: { from: '2026-01-01' } }, ctx(A, 10));
    expect(await stores.changes.cancelTimeOff(later, { unused: true }, ctx(A, 50))).toBe('removed');
    expect(await stores.changes.cancelTimeOff(running, { from: '2026-01-01', to: 'now' }, ctx(A, 50))).toBe('ended');
    expect(await stores.changes.cancelTimeOff(running, {}, ctx(A, 60))).toBeUndefined();
    const rows = await t.db('time_off').select('id', 'end_at', 'spec');
    expect(rows.map((r) => [r.id, Number(r.end_at), JSON.parse(r.spec as string)])).toEqual([[running, 50, { from: '2026-01-01', to: 'now' }]]);
    expect(await actions()).toEqual(['timeoff.added', 'timeoff.added', 'timeoff.cancelled', 'timeoff.cancelled']);
  });

  it('an accepted swap: both overrides go back with the state and one audit row, once, even when two cancel at the same time', async () => {
    const swap = await stores.swaps.createSwap({ rotationId: 'ops', proposer: A, counterpart: B, proposerShiftStart: 100, counterpartShiftStart: 300, expiresAt: 90 }, ctx(A, 10));
    const overrides = [
      { rotationId: 'ops', start: 100, end: 200, member: B, replaces: A },
      { rotationId: 'ops', start: 300, end: 400, member: A, replaces: B },
    ];
    await stores.swaps.decideSwap(swap.id, 'accepted', overrides, ctx(B, 20));
    expect((await stores.changes.openChanges(150)).swaps.map((s) => [s.id, s.state])).toEqual([[swap.id, 'accepted']]);
    const results = await Promise.all([stores.changes.cancelSwap(swap.id, 'accepted', ctx(B, 150)), stores.changes.cancelSwap(swap.id, 'accepted', ctx(A, 150))]);
    expect(results.filter(Boolean)).toEqual([[{ id: `${swap.id}-0`, effect: 'ended' }, { id: `${swap.id}-1`, effect: 'removed' }]]);
    const rows = await t.db('overrides').where({ swap_id: swap.id }).orderBy('start_at').select('end_at', 'cancelled_at');
    expect(rows.map((r) => [Number(r.end_at), r.cancelled_at === null ? null : Number(r.cancelled_at)])).toEqual([[150, null], [400, 150]]);
    expect((await stores.swaps.swap(swap.id))!.state).toBe('cancelled');
    expect(await actions()).toEqual(['swap.proposed', 'swap.accepted', 'swap.cancelled']);
    expect((await stores.changes.openChanges(150)).swaps).toEqual([]);
  });

  it('a proposal is withdrawn only while it is proposed: after an accept, a cancel of the proposal does nothing', async () => {
    const swap = await stores.swaps.createSwap({ rotationId: 'ops', proposer: A, counterpart: B, proposerShiftStart: 100, counterpartShiftStart: 300, expiresAt: 90 }, ctx(A, 10));
    expect((await stores.changes.openChanges(50)).swaps.map((s) => s.state)).toEqual(['proposed']);
    expect((await stores.changes.openChanges(95)).swaps).toEqual([]); // expired by time
    await stores.swaps.decideSwap(swap.id, 'accepted', [], ctx(B, 20));
    expect(await stores.changes.cancelSwap(swap.id, 'proposed', ctx(A, 30))).toBeUndefined();
    expect((await stores.swaps.swap(swap.id))!.state).toBe('accepted');
    expect(await actions()).toEqual(['swap.proposed', 'swap.accepted']);
  });

  it('remembers the numbered list a person was shown, per person', async () => {
    await stores.changes.saveShownList('A@contoso.com', ['x', 'y'], 5);
    await stores.changes.saveShownList(A, ['y'], 6);
    expect(await stores.changes.shownList(A)).toEqual({ at: 6, ids: ['y'] });
    expect(await stores.changes.shownList(B)).toBeUndefined();
  });
});
