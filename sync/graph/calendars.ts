import { z } from 'zod';
import type { BatchRequest, BatchResult, GraphApi } from './GraphApi.js';
import { instantOf } from './eventTimes.js';
import { enc, listReads, reads, userPath, type ListRead, type Read } from './graphReads.js';
import { CONTENT_PROPERTY, KEY_PROPERTY } from './rotaProperties.js';

const Calendar = z.object({ id: z.string(), name: z.string() });
const Id = z.object({ id: z.string() });
const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const Event = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});

/** One of Rota's events (it carries Rota's key), its times as instants. */
export interface GraphEvent {
  id: string;
  key: string;
  start: number;
  end: number;
  subject: string;
  hash?: string;
}

/** The stretch of a calendar read: events that end after `start` and begin before `end`. */
export interface EventWindow {
  start: number;
  end: number;
}

/** Events of one calendar (undefined: the mailbox's default calendar) whose extended property has a value. */
export interface CalendarView {
  mailbox: string;
  calendarId: string | undefined;
  where: { property: string; value: string };
  window: EventWindow;
}

export type EventWrite = { kind: 'create'; payload: unknown } | { kind: 'update'; id: string; payload: unknown } | { kind: 'delete'; id: string };
/** A write's answer; `id` is the event id after a create. */
export type WriteResult = Pick<BatchResult, 'status' | 'error'> & { id?: string };

const calendarsPath = (mailbox: string) => `${userPath(mailbox)}/calendars`;
const calendarEvents = (mailbox: string, calendarId: string) => `${calendarsPath(mailbox)}/${enc(calendarId)}/events`;
const eventPath = (mailbox: string, eventId: string) => `${userPath(mailbox)}/events/${enc(eventId)}`;

/**
 * Lists a rotation's events in a window, with Rota's properties expanded. A plain /events list has no date bound
 * that works with the extended-property $filter (Graph answers 400 to `end/dateTime ge …` on events), so Rota
 * reads the calendar view: startDateTime/endDateTime bound it (required, ISO 8601 with an offset) and the
 * $filter on the extended property narrows it to Rota's events ("List calendarView", "Get
 * singleValueLegacyExtendedProperty").
 */
export function calendarViewPath({ mailbox, calendarId, where, window }: CalendarView): string {
  const f = `singleValueExtendedProperties/Any(ep: ep/id eq '${where.property}' and ep/value eq '${where.value.replace(/'/g, "''")}')`;
  const expand = `singleValueExtendedProperties($filter=id eq '${KEY_PROPERTY}' or id eq '${CONTENT_PROPERTY}')`;
  const calendar = calendarId === undefined ? 'calendar' : `calendars/${enc(calendarId)}`;
  const iso = (t: number) => enc(new Date(t).toISOString());
  return `${userPath(mailbox)}/${calendar}/calendarView?startDateTime=${iso(window.start)}&endDateTime=${iso(window.end)}&$filter=${enc(f)}&$expand=${enc(expand)}&$top=100`;
}

export async function findCalendar(api: GraphApi, mailbox: string, name: string): Promise<string | undefined> {
  for await (const c of api.items(calendarsPath(mailbox))) {
    const calendar = Calendar.parse(c);
    if (calendar.name === name) return calendar.id;
  }
  return undefined;
}

export async function createCalendar(api: GraphApi, mailbox: string, name: string): Promise<string> {
  return Calendar.parse(await api.post(calendarsPath(mailbox), { name })).id;
}

/** The id of each mailbox's default calendar. */
export function defaultCalendarsOf(api: GraphApi, mailboxes: string[]): Promise<Array<Read<string>>> {
  return reads(api, mailboxes.map((m) => `${userPath(m)}/calendar?$select=id`), (body) => Id.parse(body).id);
}

export function rotaEventsOf(api: GraphApi, views: CalendarView[]): Promise<Array<ListRead<GraphEvent>>> {
  return listReads(api, views.map(calendarViewPath), rotaEvent);
}

export async function* rotaEvents(api: GraphApi, view: CalendarView): AsyncGenerator<GraphEvent> {
  const path = calendarViewPath(view);
  for await (const e of api.items(path)) {
    const parsed = rotaEvent(e, path);
    if (parsed) yield parsed;
  }
}

/** Creates, updates and deletes events in $batch requests; results in the order asked. */
export async function writeEvents(api: GraphApi, mailbox: string, calendarId: string, writes: EventWrite[]): Promise<WriteResult[]> {
  const requests = writes.map((w): BatchRequest =>
    w.kind === 'create'
      ? { method: 'POST', url: calendarEvents(mailbox, calendarId), body: w.payload }
      : w.kind === 'update'
        ? { method: 'PATCH', url: eventPath(mailbox, w.id), body: w.payload }
        : { method: 'DELETE', url: eventPath(mailbox, w.id) },
  );
  const results = await api.batch(requests);
  return results.map((r, i) => ({ status: r.status, ...(r.error ? { error: r.error } : writes[i]!.kind === 'create' ? { id: Id.parse(r.body).id } : {}) }));
}

export async function createEvent(api: GraphApi, mailbox: string, calendarId: string, payload: unknown): Promise<string> {
  return Id.parse(await api.post(calendarEvents(mailbox, calendarId), payload)).id;
}

export async function updateEvent(api: GraphApi, mailbox: string, eventId: string, payload: unknown): Promise<void> {
  await api.patch(eventPath(mailbox, eventId), payload);
}

export function deleteEvent(api: GraphApi, mailbox: string, eventId: string): Promise<void> {
  return api.delete(eventPath(mailbox, eventId));
}

/** Only events that carry Rota's key are Rota's; a foreign event parses to undefined. */
function rotaEvent(item: unknown, path: string): GraphEvent | undefined {
  const e = Event.parse(item);
  const prop = (id: string) => e.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
  const key = prop(KEY_PROPERTY);
  if (!key) return undefined;
  const hash = prop(CONTENT_PROPERTY);
  const at = (field: 'start' | 'end') => instantOf(e[field], `event ${e.id} ${field}`, path);
  return { id: e.id, key, start: at('start'), end: at('end'), subject: e.subject ?? '', ...(hash ? { hash } : {}) };
}
