/** The events Rota writes: one per segment in a shared calendar, one per own segment in a member's calendar. Pure. */
import { createHash } from 'node:crypto';
import type { Segment } from '../../rotation/schedule.js';
import { CONTENT_PROPERTY, KEY_PROPERTY, ROTATION_PROPERTY } from '../graph/rotaProperties.js';
import type { DesiredEvent } from './eventPlan.js';

export function eventKey(rotationId: string, segmentStart: number): string {
  return `${rotationId}/${new Date(segmentStart).toISOString()}`;
}

export interface EventContext {
  rotationId: string;
  rotationName: string;
  /** Display name by e-mail, when known. */
  names: ReadonlyMap<string, string>;
  /** Handover notes of the shift before a segment, when any. */
  notesBefore?: (segmentStart: number) => string | undefined;
}

/**
 * Instants go to Graph in UTC, with timeZone "UTC": Graph supports Windows' zones and a documented list of IANA
 * names only, and refuses others (Europe/Amsterdam, America/Toronto, Pacific/Chatham …) with 400
 * TimeZoneNotSupportedException ("dateTimeTimeZone resource type"). UTC is in every list, the instant is exact, and
 * Outlook shows the event in each reader's own zone; the rotation's zone only decides where segments begin.
 */
export function utcDateTime(t: number): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: new Date(t).toISOString().slice(0, 19), timeZone: 'UTC' };
}

/** One event per segment: "On call: Alice Archer — Op of the Week", its instants in UTC, shown as free. */
export function desiredEvent(segment: Segment, ctx: EventContext): DesiredEvent {
  const people = segment.members.map((m) => ctx.names.get(m.toLowerCase()) ?? m);
  const subject = `On call: ${people.join(', ') || '(nobody)'} — ${ctx.rotationName}`;
  const notes = ctx.notesBefore?.(segment.start);
  const lines = [
    `${ctx.rotationName}: ${people.join(', ') || 'nobody'} on duty.`,
    segment.source === 'override' ? 'This segment is an override or swap.' : '',
    segment.conflict ? 'Conflict: someone is on duty although unavailable.' : '',
    notes ? `\nHandover notes from the previous shift:\n${notes}` : '',
    '\nKept by Rota; edits to this event are overwritten.',
  ].filter(Boolean);
  const key = eventKey(ctx.rotationId, segment.start);
  const content = {
    subject,
    body: { contentType: 'text', content: lines.join('\n') },
    start: utcDateTime(segment.start),
    end: utcDateTime(segment.end),
    showAs: 'free',
    categories: ['On call', ctx.rotationName],
    isReminderOn: false,
  };
  return keyedEvent(key, ctx.rotationId, segment, content);
}

/** What Rota writes, with its three extended properties: the key, the rotation, and a hash of the content. */
function keyedEvent(key: string, rotationId: string, segment: Segment, content: Record<string, unknown> & { subject: string }): DesiredEvent {
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 20);
  return {
    key,
    rotationId,
    start: segment.start,
    end: segment.end,
    subject: content.subject,
    hash,
    payload: {
      ...content,
      singleValueExtendedProperties: [
        { id: KEY_PROPERTY, value: key },
        { id: ROTATION_PROPERTY, value: rotationId },
        { id: CONTENT_PROPERTY, value: hash },
      ],
    },
  };
}

/**
 * The block in an on-duty member's own calendar: "On interrupt duty — Op of the Week", shown as working
 * elsewhere (a v1.0 freeBusyStatus): the person is at work but on interrupts, so neither free (the shared
 * calendar's choice) nor busy, which would turn every meeting invitation away for a whole week.
 */
export function personalEvent(segment: Segment, ctx: Omit<EventContext, 'names' | 'notesBefore'>): DesiredEvent {
  const content = {
    subject: `On interrupt duty — ${ctx.rotationName}`,
    body: { contentType: 'text', content: `You are on duty for ${ctx.rotationName}.\n\nKept by Rota; edits to this event are overwritten.` },
    start: utcDateTime(segment.start),
    end: utcDateTime(segment.end),
    showAs: 'workingElsewhere',
    categories: ['On call'],
    isReminderOn: false,
  };
  return keyedEvent(eventKey(ctx.rotationId, segment.start), ctx.rotationId, segment, content);
}
