import { segmentsBetween } from './segmentsBetween.js';
import type { ScheduleInput } from './schedule.js';

/** A stretch of time one person is on duty in one rotation (adjacent segments joined). */
export type DutyStretch = { start: number; end: number };

/** One person's duty in one rotation over a window: their own stretches, in time order. */
export type MemberStretches = { member: string; rotation: string; stretches: DutyStretch[] };

/**
 * What a change did to one person's own duty in one rotation: the stretches they had before and no longer have
 * (`before`), and those they have now and did not have (`after`), both in time order. A stretch in both is in
 * neither list; a person whose duty did not change has no PersonMove at all.
 */
export type PersonMove = { member: string; rotation: string; before: DutyStretch[]; after: DutyStretch[] };

/**
 * Every person's own duty stretches within [from, to) per rotation, clipped to the window; sorted by member, then
 * rotation. Segments of one person that touch (a shift, then an override of theirs right after) are one stretch.
 */
export function dutyStretches(schedule: ScheduleInput, from: number, to: number): MemberStretches[] {
  const byKey = new Map<string, MemberStretches>();
  for (const s of segmentsBetween(schedule, from, to)) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    for (const member of new Set(s.members)) {
      const key = `${member}\u0000${s.rotation}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { member, rotation: s.rotation, stretches: [] }));
      entry.stretches.push({ start, end });
    }
  }
  for (const entry of byKey.values()) entry.stretches = joined(entry.stretches);
  return [...byKey.values()].sort((a, b) => compare(a.member, b.member) || compare(a.rotation, b.rotation));
}

/**
 * The difference between two sets of stretches, each clipped to [from, to) first (stretches recorded earlier with
 * a wider or narrower window compare only where both windows overlap): per person and rotation, what they lost and
 * what they gained. Sorted by member, then rotation.
 */
export function stretchMoves(before: readonly MemberStretches[], after: readonly MemberStretches[], from: number, to: number): PersonMove[] {
  const keyOf = (m: { member: string; rotation: string }) => `${m.member}\u0000${m.rotation}`;
  const old = new Map(before.map((m) => [keyOf(m), clip(m.stretches, from, to)]));
  const now = new Map(after.map((m) => [keyOf(m), clip(m.stretches, from, to)]));
  const moves: PersonMove[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(key) ?? [];
    const is = now.get(key) ?? [];
    const same = (a: DutyStretch) => (b: DutyStretch) => a.start === b.start && a.end === b.end;
    const lost = was.filter((a) => !is.some(same(a)));
    const gained = is.filter((a) => !was.some(same(a)));
    if (lost.length === 0 && gained.length === 0) continue;
    const [member, rotation] = key.split('\u0000') as [string, string];
    moves.push({ member, rotation, before: lost, after: gained });
  }
  return moves.sort((a, b) => compare(a.member, b.member) || compare(a.rotation, b.rotation));
}

/** What a change moved within [from, to), per person: `stretchMoves` of the two schedules' `dutyStretches`. */
export function personMoves(before: ScheduleInput, after: ScheduleInput, from: number, to: number): PersonMove[] {
  return stretchMoves(dutyStretches(before, from, to), dutyStretches(after, from, to), from, to);
}

/** How much wider than the window stretches are computed, so a shift on either edge of it is seen whole. */
export const WIDEN_MS = 62 * 86_400_000;

/**
 * `personMoves`, each moved stretch shown whole: compared within [from, to) (a shift that only differs outside the
 * window is no move) but widened to the whole stretch it is part of, so a shift running past the horizon or begun
 * before `from` shows its real start and end, not the window's edge.
 */
export function wholePersonMoves(before: ScheduleInput, after: ScheduleInput, from: number, to: number): PersonMove[] {
  const was = dutyStretches(before, from - WIDEN_MS, to + WIDEN_MS);
  const is = dutyStretches(after, from - WIDEN_MS, to + WIDEN_MS);
  return widenMoves(stretchMoves(was, is, from, to), was, is, from, to);
}

/**
 * Moves compared within [from, to), each stretch widened to the whole one of `was` (before) or `is` (after) that holds
 * it; those lists were computed WIDEN_MS beyond the window on each side (see `wholeStretches` for their edges).
 */
export function widenMoves(moves: readonly PersonMove[], was: readonly MemberStretches[], is: readonly MemberStretches[], from: number, to: number): PersonMove[] {
  const edges = { from: from - WIDEN_MS, to: to + WIDEN_MS };
  const own = (all: readonly MemberStretches[], m: PersonMove) => all.filter((s) => s.member.toLowerCase() === m.member.toLowerCase());
  return moves.map((m) => ({ ...m, before: wholeStretches(m.before, own(was, m), m.rotation, edges), after: wholeStretches(m.after, own(is, m), m.rotation, edges) }));
}

/**
 * Each clipped stretch widened to the whole stretch of `full` (one person's) in `rotation` that holds it. `edges`: the
 * window `full` was computed over; a whole stretch that reaches one of its edges runs on beyond what was computed, so
 * on that side the clipped instant (now, or the horizon's end) is kept rather than the computation's edge.
 */
export function wholeStretches(clipped: readonly DutyStretch[], full: readonly MemberStretches[], rotation: string, edges?: { from: number; to: number }): DutyStretch[] {
  const theirs = full.filter((m) => m.rotation === rotation).flatMap((m) => m.stretches);
  return clipped.map((c) => {
    const s = theirs.find((w) => w.start <= c.start && c.end <= w.end);
    if (!s) return c;
    return { start: edges && s.start <= edges.from ? c.start : s.start, end: edges && s.end >= edges.to ? c.end : s.end };
  });
}

function clip(stretches: readonly DutyStretch[], from: number, to: number): DutyStretch[] {
  return joined(stretches.map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) })).filter((s) => s.end > s.start));
}

function joined(stretches: readonly DutyStretch[]): DutyStretch[] {
  const sorted = [...stretches].sort((a, b) => a.start - b.start);
  const out: DutyStretch[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
