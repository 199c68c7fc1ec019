import { DateTime } from 'luxon';
import { z } from 'zod';
import type { GraphApi } from './GraphApi.js';
import { CONTENT_PROPERTY, KEY_PROPERTY, eventsQuery, type DesiredEvent, type EventOp, type RemoteEvent } from './syncPlan.js';
import { messageOf } from '../rotation/messageOf.js';

const CalendarJson = z.object({ id: z.string(), name: z.string() });
const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const EventJson = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});

export interface CalendarTarget {
  rotationId: string;
  mailbox: string;
  name: string;
}

export const calendarKey = (c: { mailbox: string; name: string }) => `${c.mailbox.toLowerCase()}/${c.name}`;

/** Graph answers in UTC unless asked otherwise; other zones are read with luxon. */
export function instantOf(v: { dateTime: string; timeZone: string }): number {
  const zone = v.timeZone === 'UTC' || v.timeZone === 'tzone://Microsoft/Utc' ? 'UTC' : v.timeZone;
  return DateTime.fromISO(v.dateTime.replace(/(\.\d{3})\d+$/, '$1'), { zone }).toMillis();
}

/** Only events that carry Rota's key come back; a foreign event never gets here. */
export function parseEvents(items: unknown[]): RemoteEvent[] {
  const out: RemoteEvent[] = [];
  for (const item of items) {
    const e = EventJson.parse(item);
    const prop = (id: string) => e.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
    const key = prop(KEY_PROPERTY);
    if (!key) continue;
    const hash = prop(CONTENT_PROPERTY);
    out.push({ id: e.id, key, start: instantOf(e.start), end: instantOf(e.end), subject: e.subject ?? '', ...(hash ? { hash } : {}) });
  }
  return out;
}

/** The calendar's id by name, creating it when the mailbox has none of that name. */
export async function ensureCalendar(api: GraphApi, target: CalendarTarget): Promise<{ id: string; created: boolean }> {
  const base = `/users/${encodeURIComponent(target.mailbox)}/calendars`;
  const found = (await api.all<unknown>(base)).map((c) => CalendarJson.parse(c)).find((c) => c.name === target.name);
  if (found) return { id: found.id, created: false };
  return { id: CalendarJson.parse(await api.post(base, { name: target.name })).id, created: true };
}

export interface EventResult {
  op: EventOp;
  ok: boolean;
  /** The event id after a create (or adoption of one found by key). */
  id?: string;
  error?: string;
}

/**
 * Writes the event operations in $batch chunks. A create whose answer was lost is not sent again blindly:
 * Rota first looks the event up by its key and adopts it when it exists.
 */
export async function applyEventOps(api: GraphApi, target: CalendarTarget, calendarId: string, ops: EventOp[]): Promise<EventResult[]> {
  const mb = encodeURIComponent(target.mailbox);
  const results = await api.batch(
    ops.map((op) =>
      op.kind === 'create'
        ? { method: 'POST' as const, url: `/users/${mb}/calendars/${encodeURIComponent(calendarId)}/events`, body: op.event.payload }
        : op.kind === 'update'
          ? { method: 'PATCH' as const, url: `/users/${mb}/events/${encodeURIComponent(op.id)}`, body: op.event.payload }
          : { method: 'DELETE' as const, url: `/users/${mb}/events/${encodeURIComponent(op.id)}` },
    ),
  );
  const out: EventResult[] = [];
  for (const [i, r] of results.entries()) {
    const op = ops[i]!;
    if (!r.error) {
      out.push({ op, ok: true, ...(op.kind === 'create' ? { id: EventJson.parse(r.body).id } : op.kind === 'update' ? { id: op.id } : {}) });
    } else if (op.kind === 'delete' && r.status === 404) {
      out.push({ op, ok: true }); // already gone
    } else if (op.kind === 'create' && r.error.uncertain) {
      out.push(await createAfterDoubt(api, target, calendarId, op.event));
    } else if (r.error.uncertain && op.kind !== 'create') {
      out.push(await repeatIdempotent(api, op, `/users/${mb}/events/${encodeURIComponent(op.id)}`)); // PATCH and DELETE may be repeated
    } else {
      out.push({ op, ok: false, error: r.error.message });
    }
  }
  return out;
}

async function createAfterDoubt(api: GraphApi, target: CalendarTarget, calendarId: string, event: DesiredEvent): Promise<EventResult> {
  const op: EventOp = { kind: 'create', event };
  try {
    const found = parseEvents(await api.all<unknown>(eventsQuery(target.mailbox, calendarId, { property: KEY_PROPERTY, value: event.key }, { start: event.start, end: event.end })));
    if (found[0]) return { op, ok: true, id: found[0].id };
    const created = EventJson.parse(await api.post(`/users/${encodeURIComponent(target.mailbox)}/calendars/${encodeURIComponent(calendarId)}/events`, event.payload));
    return { op, ok: true, id: created.id };
  } catch (err) {
    return { op, ok: false, error: `${messageOf(err)} (the next reconcile looks it up by key again)` };
  }
}

async function repeatIdempotent(api: GraphApi, op: Exclude<EventOp, { kind: 'create' }>, url: string): Promise<EventResult> {
  try {
    if (op.kind === 'update') await api.patch(url, op.event.payload);
    else await api.delete(url);
    return { op, ok: true, ...(op.kind === 'update' ? { id: op.id } : {}) };
  } catch (err) {
    if (op.kind === 'delete' && (err as { status?: number }).status === 404) return { op, ok: true };
    return { op, ok: false, error: messageOf(err) };
  }
}
