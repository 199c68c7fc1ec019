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
    expect(planOof({ ...base, blocks: [{ member: 'bob@x.com', start: D, end: 2 * D }], coming: [seg(0, 3 * D, ['bob@x.com'])], timeOff: [{ member: 'bob@x.com', from: 0, to: 3 * D }] }).add).toEqual([]);
  });

  it('expires an open question whose block is gone from a calendar that was read, never one of a person not read', () => {
    const stored = [{ id: 'q1', member: 'bob@x.com', start: D, end: 2 * D, state: 'asked' as const }, { id: 'q2', member: 'cid@x.com', start: D, end: 2 * D, state: 'new' as const }];
    const coming = [seg(0, 7 * D, ['bob@x.com', 'cid@x.com'])];
    expect(planOof({ ...base, blocks: [], coming, stored }).expire).toEqual([{ id: 'q1', why: 'the out-of-office block is no longer in their calendar (removed or moved)' }]);
  });

  it('expires an open question that covers no shift of theirs any more (Bob swapped his week to Carol), though his calendar was not read', () => {
    const stored = [{ id: 'q1', member: 'bob@x.com', start: 8 * D, end: 10 * D, state: 'asked' as const }];
    const plan = planOof({ ...base, read: new Set(), blocks: [], coming: [seg(7 * D, 14 * D, ['carol@x.com'])], stored });
    expect(plan.expire).toEqual([{ id: 'q1', why: 'it no longer covers a shift of theirs (the shift moved, or time off covers it)' }]);
    // Time off for that rotation, recorded since, covers the part of the block on his stretch: it expires too.
    const covered = planOof({ ...base, blocks: [{ member: 'bob@x.com', start: 8 * D, end: 10 * D }], coming: [seg(7 * D, 14 * D, ['bob@x.com'])], stored, timeOff: [{ member: 'bob@x.com', from: 7 * D, to: 14 * D, rotation: 'ops' }] });
    expect(covered.expire.map((e) => e.id)).toEqual(['q1']);
  });

  it('asks only when time off for that rotation leaves part of a covered stretch uncovered', () => {
    const coming = [seg(7 * D, 14 * D, ['bob@x.com'])];
    const block = { member: 'bob@x.com', start: 5 * D, end: 20 * D };
    const ask = (timeOff: Array<{ member: string; from: number; to: number; rotation?: string }>) => planOof({ ...base, blocks: [block], coming, timeOff }).add.length;
    expect(ask([{ member: 'bob@x.com', from: 7 * D, to: 14 * D }])).toBe(0); // his whole stretch is off, though the block is longer
    expect(ask([{ member: 'bob@x.com', from: 7 * D, to: 14 * D, rotation: 'ops' }])).toBe(0);
    expect(ask([{ member: 'bob@x.com', from: 0, to: 30 * D, rotation: 'desk' }])).toBe(1); // another rotation's time off
    expect(ask([{ member: 'bob@x.com', from: 7 * D, to: 10 * D }, { member: 'bob@x.com', from: 10 * D, to: 13 * D }])).toBe(1); // 13–14 left
    expect(ask([{ member: 'bob@x.com', from: 7 * D, to: 10 * D }, { member: 'bob@x.com', from: 10 * D, to: 14 * D }])).toBe(0);
  });

  it('merges a person\'s touching blocks, and asks one question a person at a time (a weekly series: the next after an answer)', () => {
    const coming = [seg(0, 60 * D, ['bob@x.com'])];
    const touching = planOof({ ...base, blocks: [{ member: 'bob@x.com', start: 9 * D, end: 10 * D }, { member: 'Bob@x.com', start: 8 * D, end: 9 * D }], coming });
    expect(touching.add.map((a) => [a.start / D, a.end / D])).toEqual([[8, 10]]);
    const fridays = [8, 15, 22, 29].map((d) => ({ member: 'bob@x.com', start: d * D + 13 * H, end: d * D + 18 * H }));
    expect(planOof({ ...base, blocks: fridays, coming }).add.map((a) => a.start)).toEqual([8 * D + 13 * H]);
    const asked = [{ id: 'q8', member: 'bob@x.com', start: 8 * D + 13 * H, end: 8 * D + 18 * H, state: 'asked' as const }];
    expect(planOof({ ...base, blocks: fridays, coming, stored: asked }).add).toEqual([]);
    const answered = [{ ...asked[0]!, state: 'declined' as const }];
    expect(planOof({ ...base, blocks: fridays, coming, stored: answered }).add.map((a) => a.start)).toEqual([15 * D + 13 * H]);
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
