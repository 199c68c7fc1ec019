import type { PersonMove, DutyStretch } from '../../rotation/personMoves.js';
import { when } from './format.js';

/** A rotation as a move line names it: its name and zone. */
export type MoveRotation = { id: string; name: string; timezone: string };

/**
 * One person's moved shifts as lines a person reads, per rotation in its own zone, before → after paired in time
 * order: "Op of the Week: Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1 → Mon 14 Dec 12:00 GMT+1 – Mon 21 Dec 12:00 GMT+1".
 * A shift only lost reads "… → not yours any more"; one only gained reads "new: …". Rotations Rota no longer knows
 * are named by id in UTC.
 */
export function moveLines(moves: readonly PersonMove[], rotations: ReadonlyMap<string, MoveRotation>, now: number): string[] {
  const lines: string[] = [];
  for (const m of moves) {
    const r = rotations.get(m.rotation) ?? { id: m.rotation, name: m.rotation, timezone: 'UTC' };
    const span = (s: DutyStretch) => `${when(s.start, r.timezone, now)} – ${when(s.end, r.timezone, now)}`;
    const pairs = Math.max(m.before.length, m.after.length);
    for (let i = 0; i < pairs; i++) {
      const was = m.before[i];
      const is = m.after[i];
      if (was && is) lines.push(`${r.name}: ${span(was)} → ${span(is)}`);
      else if (was) lines.push(`${r.name}: ${span(was)} → not yours any more`);
      else if (is) lines.push(`${r.name}: new: ${span(is)}`);
    }
  }
  return lines;
}
