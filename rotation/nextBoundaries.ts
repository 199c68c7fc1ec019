import { MS_PER_DAY } from './localDate.js';
import type { ScheduleInput } from './schedule.js';
import { segmentsBetween } from './segmentsBetween.js';

/**
 * For each of `rotations`, the first instant after `now` at which a segment begins or ends — a handoff, or the
 * edge of an override, time off or an `hours` window: where who is on duty may change (a tag's members move
 * there). Only the segments overlapping the next `within` are looked at (8 days: a weekly rotation's next
 * handoff is always in it); a segment running through that window gives its end even when it lies beyond.
 *
 * The instants come from the segments, which the core computes in the rotation's own zone, so "Mon 12:00" in
 * Europe/Berlin is 11:00Z in winter and 10:00Z after the last Sunday of March: nothing here adds hours to UTC.
 */
export function nextBoundaries(schedule: ScheduleInput, rotations: ReadonlySet<string>, now: number, within = 8 * MS_PER_DAY): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of segmentsBetween(schedule, now, now + within)) {
    if (!rotations.has(s.rotation)) continue;
    for (const t of [s.start, s.end]) if (t > now && t < (out.get(s.rotation) ?? Infinity)) out.set(s.rotation, t);
  }
  return out;
}
