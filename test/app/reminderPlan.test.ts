import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLead, formatLeads, parseLeads } from '../../app/usecases/reminderLeads.js';
import { dueLead, firstStretches } from '../../app/jobs/reminderPlan.js';
import type { Segment } from '../../rotation/index.js';

const H = 3_600_000;
const seg = (rotation: string, shiftStart: number, start: number, end: number, members: string[], source: Segment['source'] = 'rotation'): Segment => ({
  rotation, shiftStart, start, end, members, source, conflict: false,
});

describe('firstStretches: where a reminder points', () => {
  it('the night shift handed over at 08:00 is on duty from 20:00: the stretch, not the handoff', () => {
    // A shift from hour 8 to hour 32 with an "hours: 20:00-08:00" window has one segment, 20 → 32.
    expect(firstStretches([seg('night', 8 * H, 20 * H, 32 * H, ['dave'])])).toEqual([{ rotation: 'night', shiftStart: 8 * H, member: 'dave', start: 20 * H, end: 32 * H }]);
  });

  it('an override covering the first two hours: each person gets their own first stretch of the shift', () => {
    const segments = [
      seg('night', 8 * H, 20 * H, 22 * H, ['carol'], 'override'),
      seg('night', 8 * H, 22 * H, 32 * H, ['dave']),
      seg('night', 32 * H, 44 * H, 56 * H, ['dave']), // his next shift is a stretch of its own
    ];
    expect(firstStretches(segments).map((s) => [s.member, s.shiftStart / H, s.start / H])).toEqual([
      ['carol', 8, 20],
      ['dave', 8, 22],
      ['dave', 32, 44],
    ]);
  });

  it('a person on duty twice in one shift is reminded of the first time only, in any input order', () => {
    const segments = [seg('ops', 0, 100 * H, 168 * H, ['alice']), seg('ops', 0, 0, 50 * H, ['alice']), seg('ops', 0, 50 * H, 100 * H, ['bob'], 'override')];
    expect(firstStretches(segments).map((s) => [s.member, s.start / H])).toEqual([
      ['alice', 0],
      ['bob', 50],
    ]);
  });

  it('two on duty at once: one stretch each', () => {
    expect(firstStretches([seg('mro', 9 * H, 9 * H, 33 * H, ['alice', 'bob'])]).map((s) => s.member)).toEqual(['alice', 'bob']);
  });
});

describe('dueLead: each lead has its turn, from its lead time until the next shorter one', () => {
  const START = 100 * H;
  it.each([
    // [hours before the start, leads in hours, the lead due (hours) or null]
    [25, [24], null],
    [24, [24], 24],
    [3, [24], 24], // missed while down: still sent, late
    [0, [24], null], // the stretch has started
    [24, [24, 2], 24],
    [2.5, [24, 2], 24],
    [2, [24, 2], 2],
    [1.5, [2, 24], 2], // back 90 minutes before: only the 2h one, never both
    [0.5, [24, 2, 2], 2],
  ])('%s h before, leads %j → %s', (before, leads, due) => {
    const r = dueLead(START, leads.map((l) => l * H), START - before * H);
    expect(r === undefined ? null : r / H).toBe(due);
  });

  it('property: ticking every minute through the day before, each lead is due in one unbroken run, longest first', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 24 * 60 }), { minLength: 1, maxLength: 4 }), (leadMinutes) => {
        const runs: number[] = [];
        for (let m = 24 * 60 + 1; m >= 0; m--) {
          const due = dueLead(START, leadMinutes.map((l) => l * 60_000), START - m * 60_000);
          if (due !== undefined && runs.at(-1) !== due) runs.push(due);
        }
        expect(runs).toEqual([...leadMinutes].sort((a, b) => b - a).map((l) => l * 60_000));
      }),
    );
  });
});

describe('parseLeads: remind 2h / remind 1d 2h', () => {
  it.each([
    ['2h', [120]],
    ['1d', [1440]],
    ['30m', [30]],
    ['1d 2h', [1440, 120]],
    ['2h, 1d', [1440, 120]],
    ['me 1d and 2h before', [1440, 120]],
    ['2 hours', [120]],
    ['90 minutes 90m', [90]],
    ['7d', [10080]],
    ['1h30m', [90]],
    ['1d12h', [2160]],
  ])('%j → %j minutes', (text, leads) => expect(parseLeads(text)).toEqual({ ok: true, value: leads }));

  it.each([
    ['3x', "I could not read '3x' as a lead time: expected a lead time like 2h, 30m or 1d, up to 7d."],
    ['2h soon', "I could not read 'soon' as a lead time: expected a lead time like 2h, 30m or 1d, up to 7d."],
    ['h2', "I could not read 'h2' as a lead time: expected a lead time like 2h, 30m or 1d, up to 7d."],
    ['2h3', "I could not read '2h3' as a lead time: expected a lead time like 2h, 30m or 1d, up to 7d."],
    ['8d', "'8d' is longer than 7d: expected a lead time like 2h, 30m or 1d, up to 7d."],
    ['0m', "'0m' is no lead time: expected a lead time like 2h, 30m or 1d, up to 7d."],
    ['1m 2m 3m 4m 5m 6m', 'At most 5 lead times, please (you gave 6).'],
  ])('%j is refused: %s', (text, message) => expect(parseLeads(text)).toEqual({ ok: false, error: message }));

  it.each([
    [1440, '1d'],
    [120, '2h'],
    [90, '1h 30m'],
    [2940, '2d 1h'],
  ])('formatLead(%s) = %s', (m, s) => expect(formatLead(m)).toBe(s));

  it('formatLeads joins with "and"', () => expect(formatLeads([1440, 120, 30])).toBe('1d, 2h and 30m'));
});
