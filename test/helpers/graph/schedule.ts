import { instantOf, utcDateTime, type StandInEvent } from './calendars.js';
import { graphError, type Reply } from './replies.js';
import type { StandInUser } from './users.js';

/**
 * "calendar: getSchedule" in the Graph stand-in, as Microsoft's docs describe it:
 * - https://learn.microsoft.com/graph/api/calendar-getschedule: POST /users/{id|userPrincipalName}/calendar/getSchedule
 *   (or /me with a signed-in user) with {schedules: [SMTP addresses], startTime, endTime: dateTimeTimeZone,
 *   availabilityViewInterval (minutes; default 30, minimum 5, maximum 1440)} → 200 {value: [scheduleInformation]},
 *   one per schedule asked, in order: {scheduleId, availabilityView, scheduleItems: [{isPrivate, status, subject,
 *   location, start, end}], workingHours}. Times come back in UTC without `Prefer: outlook.timezone`.
 * - scheduleItem (resources/scheduleitem): status is free, tentative, busy, oof, workingElsewhere or unknown;
 *   availabilityView (resources/scheduleinformation): one digit a slot, 0 free, 1 tentative, 2 busy, 3 out of
 *   office, 4 working elsewhere.
 * - "Get free/busy schedule of Outlook calendar users and resources", Limits and error conditions: at most 20
 *   entities at once, a period of less than 62 days, and an address it cannot identify answers its own item with
 *   the error (freeBusyError {message, responseCode}) instead of failing the request.
 * The errors for the limits, as Graph words them (not in the docs): more schedules than allowed is 400
 * ErrorMailboxDataArrayTooBig "There are too many target users in the EmailAddress array. The allowed size = …"
 * (microsoftgraph/microsoft-graph-docs-contrib issue #5895, which saw Exchange allow 100: the stand-in holds the
 * documented 20, so Rota never relies on more); too long a period is 400 ErrorInvalidTimeInterval "The time duration
 * specified for FreeBusyViewOptions.TimeWindow is invalid." (microsoftgraph/msgraph-sdk-dotnet issue #2349). /me
 * with an app-only token is 400 BadRequest "/me request is only valid with delegated authentication flow.".
 * Guesses: an interval out of range or a missing field is 400 ErrorInvalidParameter; an unknown path user is 404
 * ErrorInvalidUser, as the mailbox routes answer. A path user without an Exchange Online mailbox is 404
 * MailboxNotEnabledForRESTAPI "The mailbox is either inactive, soft-deleted, or is hosted on-premise." (as Graph
 * answers the mailbox routes for one: microsoftgraph/msgraph-sdk-powershell issue #3531). Throttling (429 with Retry-After) is injected (faults.ts).
 */

export const MAX_SCHEDULES = 20;
const MAX_PERIOD_MS = 62 * 86_400_000;

export interface ScheduleContext {
  /** The user a path segment names (object id or UPN). */
  user(idOrUpn: string): StandInUser | undefined;
  /** Whether the user a path segment names has a mailbox (Exchange Online). */
  hasMailbox(idOrUpn: string): boolean;
  /** The default-calendar events of the mailbox an SMTP address reaches (mail, UPN or alias); undefined: nobody's. */
  eventsOf(address: string): StandInEvent[] | undefined;
}

const SLOT: Record<string, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
/** Which status a slot shows when events overlap: out of office over busy over tentative over working elsewhere. */
const RANK = ['free', 'workingElsewhere', 'tentative', 'busy', 'oof'];

type DTZ = { dateTime: string; timeZone: string };
const isDtz = (v: unknown): v is DTZ => typeof (v as DTZ)?.dateTime === 'string' && typeof (v as DTZ)?.timeZone === 'string';

/** The getSchedule route; undefined for any other path. */
export function scheduleRoute(ctx: ScheduleContext, method: string, seg: string[], body: unknown): Reply | undefined {
  const me = seg[0] === 'me' && seg[1] === 'calendar' && seg[2] === 'getSchedule' && seg.length === 3;
  const user = seg[0] === 'users' && seg[2] === 'calendar' && seg[3] === 'getSchedule' && seg.length === 4;
  if (!me && !user) return undefined;
  if (method !== 'POST') return graphError(405, 'MethodNotAllowed', 'Method not allowed.');
  if (me) return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  if (!ctx.user(seg[1]!)) return graphError(404, 'ErrorInvalidUser', `The requested user '${seg[1]}' is invalid.`);
  if (!ctx.hasMailbox(seg[1]!)) return graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  const b = (body ?? {}) as { schedules?: unknown; startTime?: unknown; endTime?: unknown; availabilityViewInterval?: unknown };
  if (!Array.isArray(b.schedules) || b.schedules.length === 0 || !b.schedules.every((s) => typeof s === 'string')) {
    return graphError(400, 'ErrorInvalidParameter', 'schedules must be a non-empty collection of SMTP addresses.');
  }
  if (b.schedules.length > MAX_SCHEDULES) {
    return graphError(400, 'ErrorMailboxDataArrayTooBig', `There are too many target users in the EmailAddress array. The allowed size = ${MAX_SCHEDULES}; the actual size = ${b.schedules.length}.`);
  }
  if (!isDtz(b.startTime) || !isDtz(b.endTime)) return graphError(400, 'ErrorInvalidParameter', 'startTime and endTime must be dateTimeTimeZone values.');
  const interval = b.availabilityViewInterval === undefined ? 30 : Number(b.availabilityViewInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) return graphError(400, 'ErrorInvalidParameter', 'availabilityViewInterval must be between 5 and 1440 minutes.');
  const start = instantOf(b.startTime);
  const end = instantOf(b.endTime);
  if (!(end > start) || end - start >= MAX_PERIOD_MS) return graphError(400, 'ErrorInvalidTimeInterval', 'The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.');
  const value = (b.schedules as string[]).map((address) => scheduleOf(ctx, address, start, end, interval));
  return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value } };
}

function scheduleOf(ctx: ScheduleContext, address: string, start: number, end: number, interval: number): Record<string, unknown> {
  const events = ctx.eventsOf(address);
  if (!events) {
    return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: `The specified SMTP address '${address}' could not be found.`, responseCode: 'ErrorMailRecipientNotFound' } };
  }
  const inWindow = events.filter((e) => instantOf(e.end) > start && instantOf(e.start) < end && (e.showAs ?? 'busy') !== 'free');
  const slots: string[] = [];
  for (let t = start; t < end; t += interval * 60_000) {
    const here = inWindow.filter((e) => instantOf(e.start) < t + interval * 60_000 && instantOf(e.end) > t).map((e) => e.showAs);
    const top = here.sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0] ?? 'free';
    slots.push(SLOT[top] ?? '2');
  }
  return {
    scheduleId: address,
    availabilityView: slots.join(''),
    scheduleItems: inWindow.map((e) => ({ isPrivate: false, status: e.showAs, subject: e.subject, location: '', start: utcDateTime(e.start), end: utcDateTime(e.end) })),
    workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'UTC' } },
  };
}
