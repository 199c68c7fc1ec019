import type { Segment } from '../../rotation/index.js';

/** Where a reminder points: one person's first on-duty stretch of one shift, after `hours` windows and overrides. */
export interface Stretch {
  rotation: string;
  shiftStart: number;
  member: string;
  start: number;
  end: number;
}

/**
 * Each person's first stretch of each shift. With an `hours` window the night shift handed over at 08:00 is on
 * duty from 20:00; someone covering part of a shift through an override gets their own part. Pass every segment
 * of the shifts concerned (from their start): a stretch is only first among the segments given.
 */
export function firstStretches(segments: readonly Segment[]): Stretch[] {
  const first = new Map<string, Stretch>();
  for (const s of segments) {
    for (const member of s.members) {
      const key = `${s.rotation}\u0000${s.shiftStart}\u0000${member}`;
      const seen = first.get(key);
      if (!seen || s.start < seen.start) first.set(key, { rotation: s.rotation, shiftStart: s.shiftStart, member, start: s.start, end: s.end });
    }
  }
  return [...first.values()].sort((a, b) => a.start - b.start || a.rotation.localeCompare(b.rotation) || a.member.localeCompare(b.member));
}

/**
 * The lead (ms) whose turn it is at `now`, for a stretch starting at `start`. Each lead owns the time from
 * `start - lead` until the next shorter lead's turn (the last one: until the start), so a reminder missed while Rota
 * was down is sent late, but never together with the next one: "1d 2h" and back 90 minutes before → only the 2h one.
 */
export function dueLead(start: number, leads: readonly number[], now: number): number | undefined {
  if (now >= start) return undefined;
  const sorted = [...new Set(leads)].sort((a, b) => b - a);
  for (const [i, lead] of sorted.entries()) {
    const until = start - (sorted[i + 1] ?? 0);
    if (now >= start - lead && now < until) return lead;
  }
  return undefined;
}
