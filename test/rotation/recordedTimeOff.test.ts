import { describe, expect, it } from 'vitest';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { DAY, rotation, schedule, utc } from './helpers.js';

// History is immutable: time off entered once a shift has begun does not reshuffle that shift.
describe('time off recorded after a shift began', () => {
  const ops = rotation({ id: 'ops' }); // weekly, Mon 12:00 UTC from 2026-01-05: a, b, c, d
  const week = (s: ReturnType<typeof segmentsBetween>, start: string) => s.find((x) => x.start === utc(start))!.members;
  const off = { member: 'b@x.com', from: utc('2026-01-13T00:00'), to: utc('2026-01-21T00:00') };

  it('moves the shift when it was recorded before the shift started', () => {
    const s = segmentsBetween(schedule([ops], { timeOff: [{ ...off, recordedAt: utc('2026-01-10T00:00') }] }), 0, utc('2026-02-09T12:00'));
    expect(week(s, '2026-01-12T12:00')).toEqual(['c@x.com']);
    expect(week(s, '2026-01-19T12:00')).toEqual(['d@x.com']); // b is still off on the 19th–21st
    expect(week(s, '2026-01-26T12:00')).toEqual(['b@x.com']); // b kept the front of the queue
  });

  it('leaves a started shift alone and only affects the shifts after', () => {
    const recorded = utc('2026-01-14T09:00'); // during b's week
    const s = segmentsBetween(schedule([ops], { timeOff: [{ ...off, to: off.to + 7 * DAY, recordedAt: recorded }] }), 0, utc('2026-02-09T12:00'));
    const without = segmentsBetween(schedule([ops]), 0, utc('2026-02-09T12:00'));
    const startedBy = (x: { start: number }) => x.start <= recorded;
    const members = (list: typeof s) => list.filter(startedBy).map((x) => [x.start, x.members]);
    expect(members(s)).toEqual(members(without));
    expect(week(s, '2026-01-12T12:00')).toEqual(['b@x.com']);
    // b stays on duty while away: flagged, so someone covers it.
    expect(s.find((x) => x.start === utc('2026-01-12T12:00'))!.conflict).toBe(true);
    expect(s.find((x) => x.start === utc('2026-01-05T12:00'))!.conflict).toBe(false);
    expect(week(s, '2026-01-19T12:00')).toEqual(['c@x.com']); // the next shift honours it
  });
});
