import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { MS_PER_DAY } from '../rotation/localDate.js';
import type { Segment } from '../rotation/schedule.js';

/**
 * The reconcile plan: desired state against remote state → the fewest operations. Pure: no I/O, no clock.
 *
 * Rota's events carry single-value extended properties in Rota's own property set (a fixed GUID chosen for
 * Rota, never to be changed: events written under another GUID would no longer be recognised as Rota's).
 */
export const ROTA_PROPERTY_SET = '{6f1d2c7e-3b9a-4e51-8c0d-52a7e4b9f130}';
/** The event's identity: "<rotation id>/<segment start as ISO UTC>". */
export const KEY_PROPERTY = `String ${ROTA_PROPERTY_SET} Name RotaKey`;
/** The rotation id alone, so one $filter finds every event of a rotation. */
export const ROTATION_PROPERTY = `String ${ROTA_PROPERTY_SET} Name RotaRotation`;
/** A hash of what Rota wrote, so a reconcile can tell an up-to-date event without comparing HTML bodies. */
export const CONTENT_PROPERTY = `String ${ROTA_PROPERTY_SET} Name RotaContent`;

// ---- tag --------------------------------------------------------------------------------------------

/** A person by Entra object id (or by e-mail when the id is not known, in a dry-run). */
export interface TagIdentity {
  id: string;
  label: string;
}

/** A tag member as Graph lists it: the member id is the tag membership's own id, not the user's. */
export interface RemoteTagMember extends TagIdentity {
  memberId: string;
}

export interface TagPlan {
  /** Added first, so the tag is never empty during a handoff. */
  add: TagIdentity[];
  remove: RemoteTagMember[];
}

export function planTag(desired: readonly TagIdentity[], remote: readonly RemoteTagMember[]): TagPlan {
  const want = new Set(desired.map((d) => d.id.toLowerCase()));
  const seen = new Set<string>();
  const remove: RemoteTagMember[] = [];
  for (const m of remote) {
    const id = m.id.toLowerCase();
    if (!want.has(id) || seen.has(id)) remove.push(m); // not on duty, or the same person listed twice
    seen.add(id);
  }
  const added = new Set<string>();
  const add = desired.filter((d) => {
    const id = d.id.toLowerCase();
    if (seen.has(id) || added.has(id)) return false;
    added.add(id);
    return true;
  });
  return { add, remove };
}

// ---- calendar -----------------------------------------------------------------------------------------

export interface DesiredEvent {
  key: string;
  rotationId: string;
  start: number;
  end: number;
  subject: string;
  hash: string;
  /** The Graph body for POST and PATCH. */
  payload: Record<string, unknown>;
}

export interface RemoteEvent {
  id: string;
  key: string;
  start: number;
  end: number;
  subject: string;
  hash?: string;
}

export type EventOp =
  | { kind: 'create'; event: DesiredEvent }
  | { kind: 'update'; id: string; event: DesiredEvent }
  | { kind: 'delete'; id: string; key: string; start: number; end: number; reason: 'vanished' | 'duplicate' };

/**
 * Creates what is missing, updates what differs (content hash, or a time or subject edited by hand), deletes
 * Rota's events whose segment vanished. Events that ended by `now` are history and never touched; events
 * without Rota's key are not in `remote` at all.
 */
export function planEvents(desired: readonly DesiredEvent[], remote: readonly RemoteEvent[], now: number): EventOp[] {
  const ops: EventOp[] = [];
  const byKey = new Map<string, RemoteEvent>();
  for (const r of [...remote].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (r.end <= now) continue;
    if (byKey.has(r.key)) ops.push({ kind: 'delete', id: r.id, key: r.key, start: r.start, end: r.end, reason: 'duplicate' });
    else byKey.set(r.key, r);
  }
  const wanted = new Set<string>();
  for (const d of desired) {
    wanted.add(d.key);
    const r = byKey.get(d.key);
    if (!r) ops.push({ kind: 'create', event: d });
    else if (r.hash !== d.hash || r.start !== d.start || r.end !== d.end || r.subject !== d.subject) ops.push({ kind: 'update', id: r.id, event: d });
  }
  for (const r of byKey.values()) {
    if (!wanted.has(r.key)) ops.push({ kind: 'delete', id: r.id, key: r.key, start: r.start, end: r.end, reason: 'vanished' });
  }
  return ops;
}

export function eventKey(rotationId: string, segmentStart: number): string {
  return `${rotationId}/${new Date(segmentStart).toISOString()}`;
}

export interface EventContext {
  rotationId: string;
  rotationName: string;
  timezone: string;
  /** Display name by e-mail, when known. */
  names: ReadonlyMap<string, string>;
  /** Handover notes of the shift before a segment, when any. */
  notesBefore?: (segmentStart: number) => string | undefined;
}

/** One event per segment: "On call: Alice Archer — Op of the Week", in the rotation's zone, shown as free. */
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
  const local = (t: number) => DateTime.fromMillis(t, { zone: ctx.timezone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const key = eventKey(ctx.rotationId, segment.start);
  const content = {
    subject,
    body: { contentType: 'text', content: lines.join('\n') },
    start: { dateTime: local(segment.start), timeZone: ctx.timezone },
    end: { dateTime: local(segment.end), timeZone: ctx.timezone },
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
  const local = (t: number) => DateTime.fromMillis(t, { zone: ctx.timezone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const content = {
    subject: `On interrupt duty — ${ctx.rotationName}`,
    body: { contentType: 'text', content: `You are on duty for ${ctx.rotationName}.\n\nKept by Rota; edits to this event are overwritten.` },
    start: { dateTime: local(segment.start), timeZone: ctx.timezone },
    end: { dateTime: local(segment.end), timeZone: ctx.timezone },
    showAs: 'workingElsewhere',
    categories: ['On call'],
    isReminderOn: false,
  };
  return keyedEvent(eventKey(ctx.rotationId, segment.start), ctx.rotationId, segment, content);
}

/** The stretch of a calendar Rota reads: events that end after `start` and begin before `end`. */
export interface EventWindow {
  start: number;
  end: number;
}

/** How far back a reconcile looks: a running segment (and a clock a little off) stays in view; older events are history. */
export const READ_MARGIN_MS = MS_PER_DAY;

/**
 * The URL that lists a rotation's events in a window, with Rota's properties expanded. A plain /events list
 * has no date bound that works with the extended-property $filter (Graph answers 400 to `end/dateTime ge …` on
 * events), so Rota reads the calendar view: startDateTime/endDateTime bound it (required, ISO 8601 with an
 * offset) and the $filter on the extended property narrows it to Rota's events ("List calendarView",
 * "Get singleValueLegacyExtendedProperty"). `calendarId` undefined is the user's default calendar.
 */
export function eventsQuery(mailbox: string, calendarId: string | undefined, filter: { property: string; value: string }, window: EventWindow): string {
  const value = filter.value.replace(/'/g, "''");
  const f = `singleValueExtendedProperties/Any(ep: ep/id eq '${filter.property}' and ep/value eq '${value}')`;
  const expand = `singleValueExtendedProperties($filter=id eq '${KEY_PROPERTY}' or id eq '${CONTENT_PROPERTY}')`;
  const calendar = calendarId === undefined ? 'calendar' : `calendars/${encodeURIComponent(calendarId)}`;
  const iso = (t: number) => encodeURIComponent(new Date(t).toISOString());
  return `/users/${encodeURIComponent(mailbox)}/${calendar}/calendarView?startDateTime=${iso(window.start)}&endDateTime=${iso(window.end)}&$filter=${encodeURIComponent(f)}&$expand=${encodeURIComponent(expand)}&$top=100`;
}
