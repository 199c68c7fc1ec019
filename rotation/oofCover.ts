import type { Segment, TimeOff } from './schedule.js';

export const WHY_ENDED = 'the out-of-office block has ended';
export const WHY_NO_SHIFT = 'it no longer covers a shift of theirs (the shift moved, or time off covers it)';

/** An interval [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Whether the union of `spans` covers [start, end) (empty intervals are covered). */
export function spansCover(spans: ReadonlyArray<Span>, start: number, end: number): boolean {
  let at = start;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (at >= end) break;
    if (s.start > at) return false;
    at = Math.max(at, s.end);
  }
  return at >= end;
}

/** [start, end) minus the union of `spans`, as the parts left, in order. */
export function spansLeft(spans: ReadonlyArray<Span>, start: number, end: number): Span[] {
  const out: Span[] = [];
  let at = start;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.end <= at || s.start >= end) continue;
    if (s.start > at) out.push({ start: at, end: s.start });
    at = Math.max(at, s.end);
  }
  if (at < end) out.push({ start: at, end });
  return out;
}

/** A person's blocks that touch or overlap, merged (a series of all-day events is one block); by member, then start. */
export function mergeTouching<T extends Span & { member: string }>(blocks: ReadonlyArray<T>): Array<Span & { member: string }> {
  const sorted = [...blocks].map((b) => ({ member: b.member.toLowerCase(), start: b.start, end: b.end })).sort((x, y) => x.member.localeCompare(y.member) || x.start - y.start);
  const out: Array<Span & { member: string }> = [];
  for (const b of sorted) {
    const last = out.at(-1);
    if (last && last.member === b.member && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push(b);
  }
  return out;
}

/**
 * The person's coming stretches that [start, end) still leaves uncovered: on duty in them (in a rotation of
 * `rotationIds`), not ended at `now`, and the part inside the block not already under their time off for that
 * rotation (time off without a rotation counts for every rotation; one with a rotation for that one only). Empty: an
 * out-of-office block that no longer needs a question. By start, then rotation.
 */
export function uncoveredStretches(member: string, block: Span, coming: ReadonlyArray<Segment>, timeOff: ReadonlyArray<TimeOff>, now: number, rotationIds: ReadonlySet<string>): Segment[] {
  const who = member.toLowerCase();
  const mine = timeOff.filter((t) => t.member.toLowerCase() === who);
  return coming
    .filter((s) => s.end > now && s.start < block.end && s.end > block.start && rotationIds.has(s.rotation) && s.members.some((m) => m.toLowerCase() === who))
    .filter((s) => {
      const spans = mine.filter((t) => t.rotation === undefined || t.rotation === s.rotation).map((t) => ({ start: t.from, end: t.to }));
      return !spansCover(spans, Math.max(s.start, block.start, now), Math.min(s.end, block.end));
    })
    .sort((x, y) => x.start - y.start || x.rotation.localeCompare(y.rotation));
}

/**
 * What a Yes records: the block trimmed of the time off (for every rotation) the person already has at its start or
 * end, so nothing is recorded twice there. Time off strictly inside the block is left overlapped (time off is one
 * range). Undefined when time off covers all of it.
 */
export function oofTimeOffRange(member: string, block: Span, timeOff: ReadonlyArray<TimeOff>): Span | undefined {
  const who = member.toLowerCase();
  const left = spansLeft(timeOff.filter((t) => t.member.toLowerCase() === who && t.rotation === undefined).map((t) => ({ start: t.from, end: t.to })), block.start, block.end);
  return left.length ? { start: left[0]!.start, end: left.at(-1)!.end } : undefined;
}
