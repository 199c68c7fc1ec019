import { stretchMoves, widenMoves, type MemberStretches, type PersonMove } from '../../rotation/personMoves.js';
import type { KnownStretches } from '../../db/notices/NoticeStore.js';
import { ownChangesOnly, type ChangeParties } from './moveNoticeParties.js';

/** What one run of the notice job found: every person's stretches to store, and who gets a notice of what. */
export interface MoveNoticePlan {
  known: Map<string, MemberStretches[]>;
  notices: Array<{ member: string; moves: PersonMove[] }>;
}

export interface MoveNoticeInput {
  now: number;
  /** The end of the window the stretches were computed for (now + the horizon). */
  windowEnd: number;
  /** Every stretch that overlaps [now, windowEnd), whole (not clipped to the window): `wholeStretches`. */
  current: MemberStretches[];
  /** Every rotation's members: stored even with no stretch in the window, so a shift entering it later is not a "move". */
  members: string[];
  known: Map<string, KnownStretches>;
  /** The first run ever: everything is recorded and nobody is told. */
  first: boolean;
  /** The changes of this run and their parties (changeParties): someone only their own changes can have moved is not told. */
  changes: ChangeParties[];
  optedOut: Set<string>;
}

/**
 * Per person, their stretches now against those last made known to them, compared over [now, min(their window end,
 * windowEnd)): a shift that only entered the horizon since is not a move. A person Rota never told anything (a
 * member added since the last run) starts from no shifts, so they are told every shift they now have.
 */
export function planMoveNotices(i: MoveNoticeInput): MoveNoticePlan {
  const byPerson = new Map<string, MemberStretches[]>();
  for (const m of i.current) {
    const key = m.member.toLowerCase();
    byPerson.set(key, [...(byPerson.get(key) ?? []), m]);
  }
  const people = new Set([...byPerson.keys(), ...i.members.map((m) => m.toLowerCase()), ...i.known.keys()]);
  const known = new Map<string, MemberStretches[]>();
  const notices: MoveNoticePlan['notices'] = [];
  for (const person of [...people].sort()) {
    const now = byPerson.get(person) ?? [];
    known.set(person, now);
    if (i.first || ownChangesOnly(person, i.changes) || i.optedOut.has(person)) continue;
    const was = i.known.get(person);
    const moves = stretchMoves(was?.stretches ?? [], now, i.now, Math.min(was?.windowEnd ?? i.windowEnd, i.windowEnd));
    // Each moved stretch as the person knows it: widened to the whole shift, not the horizon's edge.
    if (moves.length) notices.push({ member: person, moves: widenMoves(moves, was?.stretches ?? [], now, i.now, i.windowEnd) });
  }
  return { known, notices };
}

/** From `dutyStretches(schedule, from - WIDEN_MS, to + WIDEN_MS)`: the stretches overlapping [from, to), not clipped to it. */
export function overlapping(wide: readonly MemberStretches[], from: number, to: number): MemberStretches[] {
  return wide.map((m) => ({ ...m, stretches: m.stretches.filter((s) => s.end > from && s.start < to) })).filter((m) => m.stretches.length > 0);
}
