import { DateTime } from 'luxon';
import type { PersonRef } from './context.js';
import type { DutyDay } from './dutyList.js';
import type { DutyLine, DutyStatus } from './dutyRecord.js';

/** "09:32": a time of the duty's own day, in the rotation's zone. */
export const clockAt = (at: number, zone: string): string => DateTime.fromMillis(at, { zone }).toFormat('HH:mm');

const name = (p: PersonRef | undefined) => (p ? (p.displayName ?? p.email) : 'someone');

/**
 * A duty's state in words, the one wording of the duty card, `duties` and the morning check ("done by Alice Archer
 * at 09:32", "upcoming", "open").
 */
export function dutyStateText(s: { status: DutyStatus; actor?: PersonRef; actedAt?: number; reason?: string; snoozedUntil?: number }, zone: string): string {
  const at = (t: number | undefined) => (t === undefined ? '' : ` at ${clockAt(t, zone)}`);
  switch (s.status) {
    case 'done':
      return `done by ${name(s.actor)}${at(s.actedAt)}`;
    case 'skipped':
      return `skipped by ${name(s.actor)}${at(s.actedAt)}${s.reason ? `: ${s.reason}` : ''}`;
    case 'snoozed':
      return `snoozed${s.snoozedUntil === undefined ? '' : ` until ${clockAt(s.snoozedUntil, zone)}`}`;
    default:
      return s.status;
  }
}

/** A line of a day's duties: its state, and "(late)" when its card went out after its time. */
export const dutyLineState = (l: DutyLine, zone: string): string => `${dutyStateText(l, zone)}${l.late ? ' (late)' : ''}`;

/** The late mark: "late: due 09:15, Rota was not running". */
export const lateText = (dueAt: number, zone: string): string => `late: due ${clockAt(dueAt, zone)}, Rota was not running`;

/** Who a duty went to, by name. */
export const assigneeNames = (l: DutyLine): string => l.assignees.map((p) => p.displayName ?? p.email).join(', ');

/** A day's duties in chat: one line each, "- 09:15 Check the backups: done by Alice Archer at 09:32 · to Alice Archer". */
export function dutyDayText(d: DutyDay): string {
  const zone = d.rotation.timezone;
  const day = DateTime.fromISO(d.date, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy');
  if (d.lines.length === 0) return `**${d.rotation.name}** has no duties on ${day}.`;
  const lines = d.lines.map((l) => {
    const to = assigneeNames(l);
    return `- ${clockAt(l.occurrence.at, zone)} ${l.occurrence.task}: ${dutyLineState(l, zone)}${to ? ` · to ${to}` : ''}`;
  });
  return [`**${d.rotation.name}** duties on ${day} (${zone}):`, ...lines].join('\n');
}
