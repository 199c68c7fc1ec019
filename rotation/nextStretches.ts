import { MS_PER_DAY } from './localDate.js';
import { segmentsBetween } from './segmentsBetween.js';
import type { ScheduleInput, Segment } from './schedule.js';

/**
 * The next `count` on-duty stretches (segments) of a rotation that start at or after `after`: with an `hours`
 * window that is tonight's 20:00, not this morning's 08:00 handoff. Looks a little ahead first, then further,
 * up to `horizon` (default 3 years).
 */
export function nextStretches(schedule: ScheduleInput, rotationId: string, after: number, count: number, horizon = 3 * 366 * MS_PER_DAY): Segment[] {
  const limit = after + horizon;
  for (let span = 8 * MS_PER_DAY; ; span *= 4) {
    const until = Math.min(after + span, limit);
    const found = segmentsBetween(schedule, after, until).filter((s) => s.rotation === rotationId && s.start >= after);
    if (found.length >= count || until >= limit) return found.slice(0, count);
  }
}
