import { segmentsBetween } from './segmentsBetween.js';
import type { ScheduleInput, Segment } from './schedule.js';

/** A stretch of one rotation whose people on duty differ between two schedules. */
export type ChangedStretch = { rotation: string; start: number; end: number; before: string[]; after: string[] };

/**
 * Where `before` and `after` put different people on duty within [from, to), clipped to the window, one stretch
 * per run of equal change. Both schedules are cut at every boundary of either, so a segment that grew (an override
 * removed merges three segments into one) is still compared piece by piece.
 */
export function changedStretches(before: ScheduleInput, after: ScheduleInput, from: number, to: number): ChangedStretch[] {
  const a = segmentsBetween(before, from, to);
  const b = segmentsBetween(after, from, to);
  const rotations = [...new Set([...a, ...b].map((s) => s.rotation))].sort();
  return rotations.flatMap((rotation) => changedIn(rotation, a.filter((s) => s.rotation === rotation), b.filter((s) => s.rotation === rotation), from, to));
}

function changedIn(rotation: string, a: Segment[], b: Segment[], from: number, to: number): ChangedStretch[] {
  const cuts = [...new Set([from, to, ...[...a, ...b].flatMap((s) => [s.start, s.end])])].filter((t) => t >= from && t <= to).sort((x, y) => x - y);
  const out: ChangedStretch[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i]!, cuts[i + 1]!];
    const before = membersAt(a, start);
    const after = membersAt(b, start);
    if (before.join() === after.join()) continue;
    const last = out.at(-1);
    if (last && last.end === start && last.before.join() === before.join() && last.after.join() === after.join()) last.end = end;
    else out.push({ rotation, start, end, before, after });
  }
  return out;
}

function membersAt(segments: Segment[], at: number): string[] {
  return segments.find((s) => s.start <= at && at < s.end)?.members ?? [];
}
