import { MS_PER_WEEK } from './localDate.js';
import { segmentsBetween } from './segmentsBetween.js';
import { sameMembers as sameList } from './shiftSegments.js';
import type { ScheduleInput, Segment } from './schedule.js';

const LOOKAHEAD = 8 * MS_PER_WEEK;
const LOOKBEHIND = 2 * MS_PER_WEEK;

export interface DutyAnswer {
  rotationId: string;
  /** The segment in force at `now`, if any (an `hours` window can leave a gap). */
  now: Segment | undefined;
  /** The next segment with other people on duty. */
  next: Segment | undefined;
}

/** Who is on duty at `now` and who comes next, for each rotation (or one). */
export function dutyAt(schedule: ScheduleInput, now: number, rotationIds: string[]): DutyAnswer[] {
  // Two weeks back as well: "since" is the start of the stretch the person has been on without a break.
  const segments = segmentsBetween(schedule, now - LOOKBEHIND, now + LOOKAHEAD);
  return rotationIds.map((rotationId) => {
    const mine = segments.filter((s) => s.rotation === rotationId);
    const i = mine.findIndex((s) => s.start <= now && now < s.end);
    const current = i < 0 ? undefined : run(mine, i);
    const next = mine.find((s) => s.start >= (current?.end ?? now) && !sameMembers(s, current));
    return { rotationId, now: current, next: next && run(mine, mine.indexOf(next)) };
  });
}

/**
 * The segment at `i` widened over its neighbours that touch it with the same people: after a swap, Alice's own
 * week and the week she took from Bob are two segments but one stretch on duty ("until" the end of the second).
 */
function run(segments: Segment[], i: number): Segment {
  const s = segments[i]!;
  let a = i;
  let b = i;
  while (a > 0 && segments[a - 1]!.end === segments[a]!.start && sameMembers(segments[a - 1]!, s)) a--;
  while (b + 1 < segments.length && segments[b + 1]!.start === segments[b]!.end && sameMembers(segments[b + 1]!, s)) b++;
  if (a === i && b === i) return s;
  const parts = segments.slice(a, b + 1);
  return { ...s, start: parts[0]!.start, end: parts.at(-1)!.end, conflict: parts.some((p) => p.conflict), source: parts.some((p) => p.source === 'override') ? 'override' : 'rotation' };
}

function sameMembers(a: Segment, b: Segment | undefined): boolean {
  return !!b && sameList(a.members, b.members);
}
