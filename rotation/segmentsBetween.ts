import { computeSchedule } from './computeSchedule.js';
import type { ScheduleInput, Segment } from './schedule.js';

/**
 * Every segment overlapping [from, to), whole (not clipped to the window), sorted by
 * rotation id then start. The same segment comes back whatever window asks for it.
 */
export function segmentsBetween(schedule: ScheduleInput, from: number, to: number): Segment[] {
  const computed = computeSchedule(schedule, to);
  const out: Segment[] = [];
  for (const id of [...computed.rotations.keys()].sort()) {
    for (const s of computed.rotations.get(id)?.segments ?? []) {
      if (s.start >= to) break;
      if (s.end > from) out.push(s);
    }
  }
  return out;
}
