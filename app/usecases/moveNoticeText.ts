import type { PersonMove } from '../../rotation/personMoves.js';
import { moveLines, type MoveRotation } from './moveLines.js';

/** A notice lists this many moved shifts at most (a card-free message stays far below Teams' size limit). */
export const NOTICE_LINES = 20;

/**
 * The "your shifts moved" message: each moved shift before → after, in its rotation's zone, and how to see the rest
 * or stop these. Years are shown relative to when the moves were computed.
 */
export function moveNoticeText(moves: readonly PersonMove[], rotations: ReadonlyMap<string, MoveRotation>, computedAt: number): string {
  const lines = moveLines(moves, rotations, computedAt);
  const shown = lines.slice(0, NOTICE_LINES).map((l) => `- ${l}`);
  const more = lines.length - shown.length;
  return [
    'Your shifts moved (a change by someone else):',
    ...shown,
    ...(more > 0 ? [`- …and ${more} more: say "my shifts" to see them all.`] : []),
    'Say "my shifts" for your schedule, or "notify moves off" to stop these messages.',
  ].join('\n');
}

/** A notice whose every shift has ended says nothing useful any more. */
export function movesPast(moves: readonly PersonMove[], now: number): boolean {
  return moves.every((m) => [...m.before, ...m.after].every((s) => s.end <= now));
}
