import { computeSchedule } from './computeSchedule.js';
import { MS_PER_DAY } from './localDate.js';
import type { ScheduleInput, Shift } from './schedule.js';

export type NextShiftsOptions = {
  /** At most this many shifts (default 5). */
  count?: number;
  /** Only shifts in which this member is on duty in some segment (after overrides). */
  member?: string;
  /** Stop looking this far after `after` (default 3 years). */
  horizon?: number;
};

/**
 * The shifts of a rotation that start at or after `after`, in order. With `member`, only those
 * in which that member actually is on duty, overrides included ("when am I next on?").
 */
export function nextShifts(schedule: ScheduleInput, rotationId: string, after: number, options: NextShiftsOptions = {}): Shift[] {
  const count = options.count ?? 5;
  const limit = after + (options.horizon ?? 3 * 366 * MS_PER_DAY);
  const member = options.member?.toLowerCase();
  // Replaying is cheap but not free: look a little ahead first, then further.
  for (let span = 32 * MS_PER_DAY; ; span *= 4) {
    const until = Math.min(after + span, limit);
    const shifts = computeSchedule(schedule, until).rotations.get(rotationId)?.shifts ?? [];
    const found = shifts.filter((s) => s.start >= after && (member === undefined || s.segments.some((g) => g.members.includes(member))));
    if (found.length >= count || until >= limit) return found.slice(0, count);
  }
}
