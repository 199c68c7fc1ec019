import type { StoredState } from '../../db/types.js';
import { MS_PER_WEEK } from '../../rotation/localDate.js';
import { wholePersonMoves } from '../../rotation/personMoves.js';
import { moveLines, type MoveRotation } from './moveLines.js';
import { scheduleFromStored } from './state.js';

/**
 * How far ahead a preview looks when the caller has no sync horizon (the chat's setup): the sync's default horizon
 * (ROTA_SYNC_HORIZON_WEEKS), the span Rota writes into tags and calendars, so people see what they will be shown.
 */
export const PREVIEW_HORIZON_WEEKS = 12;

/** One person's moved shifts, as lines (moveLines.ts). */
export type PersonLines = { member: string; lines: string[] };

/** The shifts a change moves within [from, to), per person in address order. */
export interface MovePreview {
  from: number;
  to: number;
  people: PersonLines[];
}

/**
 * The shifts that move between the state before and after a change, within `horizonWeeks` from now: the rotation
 * core's wholePersonMoves of both schedules (each moved shift whole, as the shift-moved notices show it), put into
 * words per person. Only rotations that existed before count: a rotation the change creates moves nobody's shift
 * (every one of its shifts would be "new"). Both states come from the same transaction as the real change
 * (RotationStore's preview), so the "after" is exactly what saving would make.
 */
export function movePreview(before: StoredState, after: StoredState, now: number, horizonWeeks = PREVIEW_HORIZON_WEEKS): MovePreview {
  const to = now + horizonWeeks * MS_PER_WEEK;
  const existed = new Set(before.rotations.map((r) => r.id));
  const moves = wholePersonMoves(scheduleFromStored(before), scheduleFromStored(after), now, to).filter((m) => existed.has(m.rotation));
  const rotations = new Map<string, MoveRotation>([...before.rotations, ...after.rotations].map((r) => [r.id, { id: r.id, name: r.name, timezone: r.timezone }]));
  const people: PersonLines[] = [];
  for (const move of moves) {
    const lines = moveLines([move], rotations, now);
    const last = people.at(-1);
    if (last?.member === move.member) last.lines.push(...lines);
    else people.push({ member: move.member, lines });
  }
  return { from: now, to, people };
}

/** The people and lines that fit in `limit` shift lines (people in order, the last one cut), and how many lines are left out. */
export function limitedLines(preview: MovePreview, limit = Infinity): { people: PersonLines[]; more: number } {
  const people: PersonLines[] = [];
  let shown = 0;
  let total = 0;
  for (const p of preview.people) {
    total += p.lines.length;
    const room = Math.max(0, limit - shown);
    if (room === 0) continue;
    const lines = p.lines.slice(0, room);
    people.push({ member: p.member, lines });
    shown += lines.length;
  }
  return { people, more: total - shown };
}

/** The preview as indented text ("alice@contoso.com:" then her lines), at most `limit` shift lines, then how many more. */
export function movePreviewText(preview: MovePreview, limit = Infinity): string[] {
  const { people, more } = limitedLines(preview, limit);
  const out = people.flatMap((p) => [`${p.member}:`, ...p.lines.map((l) => `  ${l}`)]);
  if (more > 0) out.push(`…and ${more} more`);
  return out;
}
