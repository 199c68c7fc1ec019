import { segmentsBetween } from './segmentsBetween.js';
import { sameMembers } from './shiftSegments.js';
import type { ScheduleInput, Segment } from './schedule.js';

/** A stretch of one rotation, clipped to a window, with who was on duty before a change and who is after. */
export type ChangedStretch = { rotation: string; start: number; end: number; before: string[]; after: string[] };

/**
 * What a change does to `rotation` inside [from, to): every stretch where who is on duty differs between the
 * two schedules (`changed`), and every stretch it left as it was (`unchanged`), both clipped to the window and
 * in time order. Time with nobody on duty (outside an `hours` window) is in neither. Adjacent stretches with the
 * same people are joined, so a week covered in one override reads as one stretch.
 */
export function changedStretches(
  before: ScheduleInput,
  after: ScheduleInput,
  rotation: string,
  from: number,
  to: number,
): { changed: ChangedStretch[]; unchanged: ChangedStretch[] } {
  const old = clipped(segmentsBetween(before, from, to), rotation, from, to);
  const now = clipped(segmentsBetween(after, from, to), rotation, from, to);
  const cuts = [...new Set([from, to, ...old.flatMap((s) => [s.start, s.end]), ...now.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const changed: ChangedStretch[] = [];
  const unchanged: ChangedStretch[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const was = old.find((s) => s.start <= a && a < s.end)?.members ?? [];
    const is = now.find((s) => s.start <= a && a < s.end)?.members ?? [];
    if (was.length === 0 && is.length === 0) continue;
    const list = sameMembers(was, is) ? unchanged : changed;
    const last = list.at(-1);
    if (last && last.end === a && sameMembers(last.before, was) && sameMembers(last.after, is)) last.end = b;
    else list.push({ rotation, start: a, end: b, before: was, after: is });
  }
  return { changed, unchanged };
}

function clipped(segments: Segment[], rotation: string, from: number, to: number): Array<{ start: number; end: number; members: string[] }> {
  return segments
    .filter((s) => s.rotation === rotation)
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to), members: s.members }))
    .filter((s) => s.end > s.start);
}


/** `changedStretches` for every rotation either schedule has, rotations in id order: what a change moved anywhere. */
export function changedAnywhere(before: ScheduleInput, after: ScheduleInput, from: number, to: number): ChangedStretch[] {
  const rotations = [...new Set([...before.rotations, ...after.rotations].map((h) => h.id))].sort();
  return rotations.flatMap((rotation) => changedStretches(before, after, rotation, from, to).changed);
}
