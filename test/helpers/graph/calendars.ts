import { randomUUID } from 'node:crypto';
import { refusedTimeZone, supportedZone, timeZoneRefusal } from './timeZones.js';
import type { StandInUser } from './users.js';

/**
 * The Graph stand-in's calendar and event routes, kept apart from GraphStandIn.ts, as Microsoft's docs describe them:
 * - "List calendars" / "Create calendar": /users/{id}/calendars, POST {name} → 201 (a name taken → 409).
 * - "List events" GET /users/{id}/calendars/{id}/events, "Create event" POST → 201, "Update event"
 *   PATCH /users/{id}/events/{id} → 200, "Delete event" → 204; start/end come back in UTC (no Prefer header).
 * - "List calendarView": GET …/calendars/{id}/calendarView with required startDateTime and endDateTime (else 400
 *   ErrorInvalidParameter): the events that end after startDateTime and begin before endDateTime. A plain events
 *   list takes no date $filter here (only the extended-property form below), as Rota must not rely on one.
 * - "Get singleValueLegacyExtendedProperty": $filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and
 *   ep/value eq '…') and $expand=singleValueExtendedProperties($filter=id eq '…'); extended properties come back
 *   only when expanded.
 * - Event time zones outside Windows' and the documented list: 400 TimeZoneNotSupportedException (timeZones.ts).
 * The default calendar's paths (/users/{id}/calendar…) are mapped onto these by the stand-in's route().
 */

export interface ExtendedProperty {
  id: string;
  value: string;
}
export interface StandInEvent {
  id: string;
  calendarId: string;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  showAs: string;
  categories: string[];
  isReminderOn: boolean;
  singleValueExtendedProperties: ExtendedProperty[];
}
export interface Calendar {
  id: string;
  name: string;
}
export interface Mailbox {
  user: StandInUser;
  calendars: Map<string, Calendar>;
  events: Map<string, StandInEvent>;
  /** The user's default calendar ("Calendar"), made when first used. */
  defaultCalendarId?: string;
}

/** What the calendar routes need of the stand-in: paging and ids. */
export interface CalendarsContext {
  page: (items: unknown[], path: string, query: URLSearchParams) => Reply;
  newId: (kind: string) => string;
}

interface Reply {
  status: number;
  body?: unknown;
}

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

/** Graph answers dateTimes as "2026-03-02T11:00:00.0000000" in UTC unless asked otherwise. */
export function utcDateTime(value: { dateTime: string; timeZone: string }): { dateTime: string; timeZone: string } {
  const instant = instantOf(value);
  return { dateTime: new Date(instant).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$10000'), timeZone: 'UTC' };
}

/** The instant of a dateTimeTimeZone in a zone Graph supports (timeZones.ts), Windows names included. */
export function instantOf(value: { dateTime: string; timeZone: string }): number {
  const local = value.dateTime.replace(/\.\d+$/, '');
  const timeZone = supportedZone(value.timeZone) ?? value.timeZone;
  if (timeZone === 'UTC') return Date.parse(`${local}Z`);
  // Find the offset of the zone at that wall-clock time by two passes of Intl.
  const guess = Date.parse(`${local}Z`);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(t);
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
  };
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

/** /users/{id}/calendars… : the mailbox's calendars, their events and calendar views. */
export function calendarsRoute(ctx: CalendarsContext, mb: Mailbox, method: string, seg: string[], query: URLSearchParams, body: unknown): Reply {
  const path = `/${seg.map(encodeURIComponent).join('/')}`;
  if (seg.length === 3 && method === 'GET') return ctx.page([...mb.calendars.values()].map((c) => ({ id: c.id, name: c.name })), path, query);
  if (seg.length === 3 && method === 'POST') {
    const name = (body as { name?: unknown })?.name;
    if (typeof name !== 'string' || !name) return graphError(400, 'ErrorInvalidRequest', 'name is required.');
    if ([...mb.calendars.values()].some((c) => c.name === name)) return graphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    const cal = { id: ctx.newId('calendar'), name };
    mb.calendars.set(cal.id, cal);
    return { status: 201, body: cal };
  }
  const cal = mb.calendars.get(seg[3]!);
  if (!cal) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (seg.length === 5 && (seg[4] === 'events' || seg[4] === 'calendarView') && method === 'GET') {
    let events = [...mb.events.values()].filter((e) => e.calendarId === cal.id);
    if (seg[4] === 'calendarView') {
      const from = Date.parse(query.get('startDateTime') ?? query.get('startdatetime') ?? '');
      const to = Date.parse(query.get('endDateTime') ?? query.get('enddatetime') ?? '');
      if (Number.isNaN(from) || Number.isNaN(to)) {
        return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
      }
      events = events.filter((e) => instantOf(e.end) > from && instantOf(e.start) < to);
    }
    const filter = query.get('$filter');
    if (filter) {
      const m = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(filter);
      if (!m) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      const [, id, value] = m;
      events = events.filter((e) => e.singleValueExtendedProperties.some((p) => p.id.toLowerCase() === id!.toLowerCase() && p.value.toLowerCase() === value!.replace(/''/g, "'").toLowerCase()));
    }
    const expand = query.get('$expand');
    const wanted = expand ? expandedIds(expand) : undefined;
    if (expand && !wanted) return graphError(400, 'BadRequest', 'Invalid $expand.');
    return ctx.page(events.map((e) => eventJson(e, wanted)), path, query);
  }
  if (seg.length === 5 && seg[4] === 'events' && method === 'POST') {
    const b = body as Partial<StandInEvent>;
    if (!b?.start || !b.end) return graphError(400, 'ErrorInvalidRequest', 'start and end are required.');
    const zone = refusedTimeZone(b);
    if (zone !== undefined) return refuseZone(zone);
    const event: StandInEvent = {
      id: ctx.newId('event'),
      calendarId: cal.id,
      subject: b.subject ?? '',
      body: b.body ?? { contentType: 'text', content: '' },
      start: utcDateTime(b.start),
      end: utcDateTime(b.end),
      showAs: b.showAs ?? 'busy',
      categories: b.categories ?? [],
      isReminderOn: b.isReminderOn ?? true,
      singleValueExtendedProperties: b.singleValueExtendedProperties ?? [],
    };
    mb.events.set(event.id, event);
    return { status: 201, body: eventJson(event, undefined) };
  }
  return graphError(405, 'ErrorInvalidRequest', 'Method not allowed.');
}

/** /users/{id}/events/{id}: one event, read, updated or deleted. */
export function eventsRoute(mb: Mailbox, method: string, seg: string[], body: unknown): Reply {
  const event = mb.events.get(seg[3] ?? '');
  if (seg.length !== 4 || !event) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (method === 'GET') return { status: 200, body: eventJson(event, undefined) };
  if (method === 'DELETE') {
    mb.events.delete(event.id);
    return { status: 204 };
  }
  if (method === 'PATCH') {
    const b = body as Partial<StandInEvent>;
    const zone = refusedTimeZone(b);
    if (zone !== undefined) return refuseZone(zone);
    if (b.subject !== undefined) event.subject = b.subject;
    if (b.body) event.body = b.body;
    if (b.start) event.start = utcDateTime(b.start);
    if (b.end) event.end = utcDateTime(b.end);
    if (b.showAs) event.showAs = b.showAs;
    if (b.categories) event.categories = b.categories;
    if (b.isReminderOn !== undefined) event.isReminderOn = b.isReminderOn;
    for (const p of b.singleValueExtendedProperties ?? []) {
      const existing = event.singleValueExtendedProperties.find((q) => q.id.toLowerCase() === p.id.toLowerCase());
      if (existing) existing.value = p.value;
      else event.singleValueExtendedProperties.push(p);
    }
    return { status: 200, body: eventJson(event, undefined) };
  }
  return graphError(405, 'ErrorInvalidRequest', 'Method not allowed.');
}

/** "dateTimeTimeZone resource type": a zone outside Windows' and the documented list is refused (timeZones.ts). */
function refuseZone(zone: string): Reply {
  const r = timeZoneRefusal(zone);
  return graphError(r.status, r.code, r.message);
}

/** `singleValueExtendedProperties($filter=id eq 'a' or id eq 'b')` → the ids, lower case. */
function expandedIds(expand: string): Set<string> | undefined {
  const m = /^singleValueExtendedProperties\(\$filter=(.+)\)$/.exec(expand);
  if (!m) return undefined;
  const ids = m[1]!.split(/ or /).map((part) => /^id eq '([^']+)'$/.exec(part.trim())?.[1]);
  return ids.every(Boolean) ? new Set(ids.map((i) => i!.toLowerCase())) : undefined;
}

/** Extended properties are only returned when asked for with $expand, as in Graph. */
function eventJson(e: StandInEvent, expanded: Set<string> | undefined) {
  const { calendarId: _calendarId, singleValueExtendedProperties, ...rest } = e;
  const props = expanded ? singleValueExtendedProperties.filter((p) => expanded.has(p.id.toLowerCase())) : [];
  return { ...rest, ...(expanded && props.length ? { singleValueExtendedProperties: props } : {}) };
}
