import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doubleBookings, otherRotation } from '../../rotation/doubleBookings.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { DAY, HOUR, rotation, schedule, utc } from './helpers.js';

// Daily mro 09:00 UTC from Mon 5 Jan: a, b (a: 5, 7, 9 Jan; b: 6, 8 Jan).
// Night 08:00 UTC with hours 20:00-08:00: b, c (b: nights of 5, 7 Jan; c: 6, 8 Jan).
const mro = rotation({ id: 'mro', every: '1d', handoff: '09:00', members: ['a@x.com', 'b@x.com'] });
const night = rotation({ id: 'night', every: '1d', handoff: '08:00', hours: '20:00-08:00', members: ['b@x.com', 'c@x.com'] });
const ops = rotation({ id: 'ops', members: ['b@x.com', 'd@x.com'] }); // weekly Mon 12:00: b from 5 Jan

describe('doubleBookings', () => {
  it('finds a person on duty in two rotations at once, clipped to the overlap', () => {
    const got = doubleBookings(schedule([mro, night]), utc('2026-01-05T00:00'), utc('2026-01-08T00:00'));
    // b has mro 6 Jan 09:00 → 7 Jan 09:00 and no night then (c has the 6th); b's night of the 5th (20:00 → 6 Jan 08:00)
    // overlaps a's mro, not b's; b's night of the 7th starts 20:00, after b's mro ended at 09:00.
    expect(got).toEqual([]);
    const withOps = doubleBookings(schedule([mro, night, ops]), utc('2026-01-05T00:00'), utc('2026-01-08T00:00'));
    expect(withOps.map((b) => [b.member, b.rotations, new Date(b.start).toISOString(), new Date(b.end).toISOString()])).toEqual([
      ['b@x.com', ['night', 'ops'], '2026-01-05T20:00:00.000Z', '2026-01-06T08:00:00.000Z'],
      ['b@x.com', ['mro', 'ops'], '2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z'],
      ['b@x.com', ['night', 'ops'], '2026-01-07T20:00:00.000Z', '2026-01-08T00:00:00.000Z'],
    ]);
  });

  it('says nothing for a rotation that opts out with exclusive: false', () => {
    const escalation = { ...ops, exclusive: false };
    expect(doubleBookings(schedule([mro, night, escalation]), utc('2026-01-05T00:00'), utc('2026-01-08T00:00'))).toEqual([]);
  });

  it('an override that puts someone on duty twice is reported', () => {
    const o = { rotation: 'mro', from: utc('2026-01-05T21:00'), to: utc('2026-01-05T23:00'), member: 'b@x.com' };
    const got = doubleBookings(schedule([mro, night], { overrides: [o] }), utc('2026-01-05T00:00'), utc('2026-01-06T00:00'));
    expect(got).toEqual([{ member: 'b@x.com', start: o.from, end: o.to, rotations: ['mro', 'night'] }]);
  });

  it('property: every reported overlap is a real one, and every real one is reported', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 72 }), (startDay, hours) => {
        const s = schedule([mro, night, ops]);
        const from = utc('2026-01-05T00:00') + startDay * DAY;
        const to = from + hours * HOUR;
        const got = doubleBookings(s, from, to);
        const segs = segmentsBetween(s, from, to);
        // Check hour by hour against the segments themselves (an independent reading of the same schedule).
        for (let t = from; t < to; t += HOUR / 2) {
          const here = segs.filter((g) => g.start <= t && t < g.end);
          for (const m of ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com']) {
            const rots = [...new Set(here.filter((g) => g.members.includes(m)).map((g) => g.rotation))];
            const reported = got.some((b) => b.member === m && b.start <= t && t < b.end);
            expect(reported).toBe(rots.length > 1);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('otherRotation: the rotation of a double booking that is not the one shown', () => {
  it.each([
    { shown: 'ops', expected: 'night' },
    { shown: 'night', expected: 'ops' },
  ])('$shown → $expected', ({ shown, expected }) => {
    expect(otherRotation({ rotations: ['ops', 'night'] }, shown)).toBe(expected);
  });
});
