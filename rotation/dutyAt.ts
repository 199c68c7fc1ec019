import { segmentsBetween } from './segmentsBetween.js';
import type { ScheduleInput, Segment } from './schedule.js';

const LOOKAHEAD = 8 * 7 * 24 * 3_600_000;

export interface DutyAnswer {
  rotationId: string;
  /** The segment in force at `now`, if any (an `hours` window can leave a gap). */
  now: Segment | undefined;
  /** The next segment with other people on duty. */
  next: Segment | undefined;
}

/** Who is on duty at `now` and who comes next, for each rotation (or one). */
export function dutyAt(schedule: ScheduleInput, now: number, rotationIds: string[]): DutyAnswer[] {
  const segments = segmentsBetween(schedule, now, now + LOOKAHEAD);
  return rotationIds.map((rotationId) => {
    const mine = segments.filter((s) => s.rotation === rotationId);
    const current = mine.find((s) => s.start <= now && now < s.end);
    const next = mine.find((s) => s.start >= (current?.end ?? now) && !sameMembers(s, current));
    return { rotationId, now: current, next };
  });
}

function sameMembers(a: Segment, b: Segment | undefined): boolean {
  return !!b && a.members.length === b.members.length && a.members.every((m, i) => m === b.members[i]);
}
