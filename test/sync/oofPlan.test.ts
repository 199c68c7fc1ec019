import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planOof } from '../../sync/oof/oofPlan.js';
import { windowsOf } from '../../sync/oof/readOof.js';
import { oofRangeText } from '../../app/usecases/oofText.js';

const H = 3_600_000;
const D = 24 * H;
const seg = (start: number, end: number, members: string[]) => ({ rotation: 'ops', start, end, members, source: 'rotation' as const, conflict: false, shiftStart: start });
const base = { read: new Set(['bob@x.com']), rotations: [{ id: 'ops', name: 'Ops', timezone: 'UTC' }], timeOff: [], stored: [], now: 0 };

describe('planOof: which out-of-office blocks become questions', () => {
  it.each([
    ['over his coming stretch', { start: 8 * D, end: 10 * D }, [seg(7 * D, 14 * D, ['bob@x.com'])], 1],
    ['over someone else\'s stretch only', { start: 8 * D, end: 10 * D }, [seg(7 * D, 14 * D, ['ann@x.com'])], 0],
    ['touching his stretch end to start (no overlap)', { start: 14 * D, end: 15 * D }, [seg(7 * D, 14 * D, ['bob@x.com'])], 0],
    ['already over', { start: -2 * D, end: -D }, [seg(-3 * D, 14 * D, ['bob@x.com'])], 0],
  ])('a block %s: %i question(s)', (_, block, coming, n) => {
    expect(planOof({ ...base, blocks: [{ member: 'Bob@x.com', ...block }], coming }).add).toHaveLength(n);
  });

  it('names the first stretch it covers and counts the others; skips a block time off already covers', () => {
    const coming = [seg(20 * D, 21 * D, ['bob@x.com']), seg(7 * D, 8 * D, ['bob@x.com'])];
    const plan = planOof({ ...base, blocks: [{ member: 'bob@x.com', start: 0, end: 30 * D }], coming });
    expect(plan.add).toEqual([{ member: 'bob@x.com', start: 0, end: 30 * D, rotationId: 'ops', detail: { rotationName: 'Ops', zone: 'UTC', shiftStart: 7 * D, more: 1 } }]);
    expect(planOof({ ...base, blocks: [{ member: 'bob@x.com', start: D, end: 2 * D }], coming: [seg(0, 3 * D, ['bob@x.com'])], timeOff: [{ member: 'bob@x.com', start: 0, end: 3 * D }] }).add).toEqual([]);
  });

  it('expires an open question whose block is gone from a calendar that was read, never one of a person not read', () => {
    const stored = [{ id: 'q1', member: 'bob@x.com', start: D, end: 2 * D, state: 'asked' as const }, { id: 'q2', member: 'cid@x.com', start: D, end: 2 * D, state: 'new' as const }];
    expect(planOof({ ...base, blocks: [], coming: [], stored }).expire).toEqual([{ id: 'q1', why: 'the out-of-office block is no longer in their calendar (removed or moved)' }]);
  });

  it('property: a block stored before, in any state, is never planned again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 }), fc.constantFrom('new', 'asked', 'accepted', 'declined', 'expired'), (startDay, days, state) => {
        const block = { member: 'bob@x.com', start: startDay * D, end: (startDay + days) * D };
        const plan = planOof({ ...base, blocks: [block], coming: [seg(0, 60 * D, ['bob@x.com'])], stored: [{ id: 'q', ...block, state }] });
        return plan.add.length === 0 && plan.expire.length === 0;
      }),
    );
  });
});

describe('windowsOf: the horizon in getSchedule windows (each under 62 days)', () => {
  it.each([
    [28, [[0, 28]]],
    [61, [[0, 61]]],
    [84, [[0, 61], [61, 84]]],
    [130, [[0, 61], [61, 122], [122, 130]]],
  ])('%i days → %j', (days, expected) => {
    expect(windowsOf(0, days * D).map((w) => [w.start / D, w.end / D])).toEqual(expected);
  });
});

describe('oofRangeText: a block as a person says it, in the rotation\'s zone', () => {
  const now = Date.parse('2026-03-04T09:00:00Z');
  it.each([
    ['all-day 10–14 March (CET)', '2026-03-09T23:00:00Z', '2026-03-14T23:00:00Z', 'Europe/Berlin', '10–14 March'],
    ['one day', '2026-03-09T23:00:00Z', '2026-03-10T23:00:00Z', 'Europe/Berlin', '10 March'],
    ['across the DST change (CET → CEST)', '2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z', 'Europe/Berlin', '28–30 March'],
    ['across months', '2026-02-27T23:00:00Z', '2026-03-03T23:00:00Z', 'Europe/Berlin', '28 February – 3 March'],
    ['next year', '2027-01-04T23:00:00Z', '2027-01-06T23:00:00Z', 'Europe/Berlin', '5–6 January 2027'],
    ['within days (not midnight)', '2026-03-10T13:00:00Z', '2026-03-11T11:00:00Z', 'Europe/Berlin', 'Tue 10 Mar 14:00 GMT+1 – Wed 11 Mar 12:00 GMT+1'],
  ])('%s', (_, start, end, zone, expected) => {
    expect(oofRangeText(Date.parse(start), Date.parse(end), zone, now)).toBe(expected);
  });
});
