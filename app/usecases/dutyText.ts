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

/** "not delivered: bob@contoso.com: Rota is not installed for them": why the card did not reach everyone, if so. */
export const undeliveredText = (l: Pick<DutyLine, 'undelivered'>): string => (l.undelivered ? `not delivered: ${l.undelivered}` : '');

/**
 * A line of a day's duties: its state, "(late)" when its card went out after its time, and why it did not reach
 * everyone ("open · not delivered: …").
 */
export const dutyLineState = (l: DutyLine, zone: string): string => [`${dutyStateText(l, zone)}${l.late ? ' (late)' : ''}`, undeliveredText(l)].filter(Boolean).join(' · ');

/** The late mark: "late: due 09:15, Rota was not running". */
export const lateText = (dueAt: number, zone: string): string => `late: due ${clockAt(dueAt, zone)}, Rota was not running`;

/** Who has the duty's card, by name. */
export const assigneeNames = (l: DutyLine): string => l.assignees.map((p) => p.displayName ?? p.email).join(', ');

/**
 * A day's duties in chat: one line each, "- 09:15 Check the backups: done by Alice Archer at 09:32 · to Alice Archer",
 * "- 10:00 Review the pages: open · to Alice Archer · not delivered: bob@contoso.com: …".
 */
export function dutyDayText(d: DutyDay): string {
  const zone = d.rotation.timezone;
  const day = DateTime.fromISO(d.date, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy');
  if (d.lines.length === 0) return `**${d.rotation.name}** has no duties on ${day}.`;
  const lines = d.lines.map((l) => {
    const to = assigneeNames(l);
    const parts = [`${dutyStateText(l, zone)}${l.late ? ' (late)' : ''}`, to ? `to ${to}` : '', undeliveredText(l)];
    return `- ${clockAt(l.occurrence.at, zone)} ${l.occurrence.task}: ${parts.filter(Boolean).join(' · ')}`;
  });
  return [`**${d.rotation.name}** duties on ${day} (${zone}):`, ...lines].join('\n');
}
