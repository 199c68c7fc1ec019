import { calendarsRoute, eventsRoute, instantOf, utcDateTime, type Calendar, type CalendarsContext, type Mailbox, type StandInEvent } from './calendars.js';
import { graphError, type Reply } from './replies.js';

/**
 * Users' mailboxes, and the default calendar mapped onto calendars.ts's routes: "Get calendar" GET
 * /users/{id}/calendar, its calendarView and events (/calendar/calendarView, /calendar/events, as /calendars/{its
 * id}/…), and "Create event" in it (POST /users/{id}/events). The default calendar ("Calendar") is made when
 * first used. A user without a mailbox is 404 ErrorInvalidUser.
 */

function defaultCalendar(mb: Mailbox, newId: CalendarsContext['newId']): Calendar {
  if (!mb.defaultCalendarId) {
    const cal = { id: newId('calendar'), name: 'Calendar' };
    mb.calendars.set(cal.id, cal);
    mb.defaultCalendarId = cal.id;
  }
  return mb.calendars.get(mb.defaultCalendarId)!;
}

/** /users/{id}/calendars…, /users/{id}/events… and /users/{id}/calendar…; undefined for any other path. */
export function mailboxRoute(ctx: CalendarsContext, mailbox: (idOrUpn: string) => Mailbox | undefined, method: string, seg: string[], query: URLSearchParams, body: unknown): Reply | undefined {
  if (!(seg[0] === 'users' && (seg[2] === 'calendars' || seg[2] === 'events' || seg[2] === 'calendar'))) return undefined;
  const mb = mailbox(seg[1]!);
  if (!mb) return graphError(404, 'ErrorInvalidUser', `The requested user '${seg[1]}' is invalid.`);
  if (seg[2] === 'calendar') {
    const id = defaultCalendar(mb, ctx.newId).id;
    if (seg.length === 3 && method === 'GET') return { status: 200, body: { id, name: mb.calendars.get(id)!.name, isDefaultCalendar: true } };
    return calendarsRoute(ctx, mb, method, [seg[0]!, seg[1]!, 'calendars', id, ...seg.slice(3)], query, body);
  }
  if (seg[2] === 'events' && seg.length === 3 && method === 'POST') return calendarsRoute(ctx, mb, method, [seg[0]!, seg[1]!, 'calendars', defaultCalendar(mb, ctx.newId).id, 'events'], query, body);
  return seg[2] === 'calendars' ? calendarsRoute(ctx, mb, method, seg, query, body) : eventsRoute(mb, method, seg, body);
}

const byStart = (a: StandInEvent, b: StandInEvent) => instantOf(a.start) - instantOf(b.start);

/** A calendar of the mailbox by name, with its events sorted by start. */
export function calendarNamed(mb: Mailbox | undefined, name: string): { id: string; events: StandInEvent[] } | undefined {
  const cal = [...(mb?.calendars.values() ?? [])].find((c) => c.name === name);
  if (!mb || !cal) return undefined;
  return { id: cal.id, events: [...mb.events.values()].filter((e) => e.calendarId === cal.id).sort(byStart) };
}

/** The events of the default calendar (the user's own, "Calendar"), sorted by start. */
export function defaultCalendarEvents(mb: Mailbox | undefined, newId: CalendarsContext['newId']): StandInEvent[] {
  if (!mb) return [];
  const id = defaultCalendar(mb, newId).id;
  return [...mb.events.values()].filter((e) => e.calendarId === id).sort(byStart);
}

/** An event someone else put into the calendar named `calendarName`; returns its id. */
export function addForeignEvent(mb: Mailbox, calendarName: string, subject: string, start: Date, end: Date, id: string): string {
  const cal = [...mb.calendars.values()].find((c) => c.name === calendarName)!;
  mb.events.set(id, {
    id,
    calendarId: cal.id,
    subject,
    body: { contentType: 'html', content: '' },
    start: utcDateTime({ dateTime: start.toISOString().slice(0, 19), timeZone: 'UTC' }),
    end: utcDateTime({ dateTime: end.toISOString().slice(0, 19), timeZone: 'UTC' }),
    showAs: 'busy',
    categories: [],
    isReminderOn: true,
    singleValueExtendedProperties: [],
  });
  return id;
}
