import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myShiftsView, nextView } from '../../app/usecases/queries.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, TUESDAY, type ChatWorld } from './chatWorld.js';

describe.each(ENGINES)('next and my shifts use the on-duty stretches (%s)', (engine) => {
  let w: ChatWorld;
  beforeAll(async () => void (w = await chatWorld(engine)));
  afterAll(() => w.stop());

  it('next: a night rotation lists tonight from 20:00, not the 08:00 handoffs', async () => {
    const got = await nextView(w.deps, TUESDAY, 'night');
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    // By hand: daily 08:00 from 5 Jan, bob, carol, dave, heidi → 1 Dec is day 330 (330 mod 4 = 2: dave).
    expect(got.value[0]!.segments.map((s) => [s.start, s.end, s.members.map((m) => m.email)])).toEqual([
      [berlin('2026-12-01 20:00'), berlin('2026-12-02 08:00'), ['dave@contoso.com']],
      [berlin('2026-12-02 20:00'), berlin('2026-12-03 08:00'), ['heidi@contoso.com']],
      [berlin('2026-12-03 20:00'), berlin('2026-12-04 08:00'), ['bob@contoso.com']],
    ]);
  });

  it('my shifts: the one in progress first, every stretch in the window in time order, double bookings named', async () => {
    const { weeks, shifts } = await myShiftsView(w.deps, TUESDAY, 'dave@contoso.com');
    expect(weeks).toBe(4);
    // Ops by hand: week 47 from 5 Jan (Mon 30 Nov) is dave's (47 mod 4 = 3); his next is week 51 (Mon 28 Dec).
    expect(shifts.filter((s) => s.rotation.id === 'ops').map((s) => [s.start, s.end, s.inProgress])).toEqual([
      [berlin('2026-11-30 12:00'), berlin('2026-12-07 12:00'), true],
      [berlin('2026-12-28 12:00'), berlin('2027-01-04 12:00'), false],
    ]);
    // Night: dave every fourth night from 1 Dec, 20:00 → 08:00, within four weeks (until 29 Dec 10:35).
    const nights = ['2026-12-01', '2026-12-05', '2026-12-09', '2026-12-13', '2026-12-17', '2026-12-21', '2026-12-25'];
    expect(shifts.filter((s) => s.rotation.id === 'night').map((s) => s.start)).toEqual(nights.map((d) => berlin(`${d} 20:00`)));
    expect(shifts.map((s) => s.start)).toEqual([...shifts.map((s) => s.start)].sort((a, b) => a - b));
    // Tonight's night falls inside his ops week: both lines say so.
    expect(shifts[0]!.alsoOn.map((r) => r.id)).toEqual(['night']);
    expect(shifts[1]).toMatchObject({ start: berlin('2026-12-01 20:00'), alsoOn: [{ id: 'ops' }] });
    expect(shifts.find((s) => s.start === berlin('2026-12-09 20:00'))!.alsoOn).toEqual([]);
  });

  it('my shifts 8 weeks: Alice has MRO on Mondays 4, 11 and 18 Jan besides her ops weeks', async () => {
    const { shifts } = await myShiftsView(w.deps, TUESDAY, 'alice@contoso.com', 8);
    const starts = shifts.map((s) => `${s.rotation.id} ${new Date(s.start).toISOString()}`);
    for (const d of ['2027-01-04', '2027-01-11', '2027-01-18']) expect(starts).toContain(`mro ${d}T08:00:00.000Z`);
    expect(starts.filter((s) => s.startsWith('ops'))).toEqual(['ops 2026-12-07T11:00:00.000Z', 'ops 2027-01-04T11:00:00.000Z']);
    expect(shifts.every((s) => s.start < TUESDAY + 8 * 7 * 86_400_000)).toBe(true);
  });
});
