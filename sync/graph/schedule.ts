import { z } from 'zod';
import { MS_PER_DAY } from '../../rotation/localDate.js';
import { GraphRequestError, type GraphApi } from './GraphApi.js';
import { instantOf } from './eventTimes.js';
import { userPath } from './graphReads.js';

/**
 * "calendar: getSchedule" (POST /users/{id|userPrincipalName}/calendar/getSchedule; /me needs a signed-in user, so an
 * app-only token names a user in the path: whose free/busy view is asked, not whose schedules are read). Its limits,
 * from "Get free/busy schedule of Outlook calendar users and resources" (Limits and error conditions): up to 20
 * schedules at once, and a period shorter than 62 days. The least privileged application permission is
 * Calendars.ReadBasic. Without a `Prefer: outlook.timezone` header the items' times come back in UTC.
 */
export const MAX_SCHEDULES = 20;
/** "The time period to look up must be less than 62 days": 61 whole days per request. */
export const MAX_WINDOW_MS = 61 * MS_PER_DAY;

const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const ScheduleInformation = z.object({
  scheduleId: z.string(),
  scheduleItems: z.array(z.object({ status: z.string(), start: DateTimeTimeZone, end: DateTimeTimeZone })).nullish(),
  error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
});
const Answer = z.object({ value: z.array(ScheduleInformation) });

/** One free/busy item: its status (free, tentative, busy, oof, workingElsewhere, unknown) and its instants. */
export interface ScheduleItem {
  status: string;
  start: number;
  end: number;
}

/** One schedule's answer: its items, or the per-schedule error Graph put in its place (an unknown address). */
export type ScheduleRead = { scheduleId: string } & ({ ok: true; items: ScheduleItem[] } | { ok: false; error: string });

/** `schedules` (SMTP addresses, at most MAX_SCHEDULES) over [start, end) (at most MAX_WINDOW_MS), asked as `asUser`. */
export async function schedulesOf(api: GraphApi, asUser: string, schedules: string[], window: { start: number; end: number }): Promise<ScheduleRead[]> {
  const path = `${userPath(asUser)}/calendar/getSchedule`;
  const utc = (t: number) => ({ dateTime: new Date(t).toISOString().slice(0, 19), timeZone: 'UTC' });
  // The widest slot (1440 minutes) keeps availabilityView short: Rota reads the items, not the view.
  const body = { schedules, startTime: utc(window.start), endTime: utc(window.end), availabilityViewInterval: 1440 };
  const parsed = Answer.safeParse(await api.postRead(path, body));
  if (!parsed.success) throw new GraphRequestError('POST', path, 200, 'UnexpectedAnswer', parsed.error.message);
  return parsed.data.value.map((s) => {
    if (s.error) return { scheduleId: s.scheduleId, ok: false, error: `${s.error.responseCode ?? 'error'}: ${s.error.message ?? ''}`.trim() };
    const at = (v: { dateTime: string; timeZone: string }, field: string) => instantOf(v, `schedule ${s.scheduleId} ${field}`, path);
    return { scheduleId: s.scheduleId, ok: true, items: (s.scheduleItems ?? []).map((i) => ({ status: i.status, start: at(i.start, 'start'), end: at(i.end, 'end') })) };
  });
}
