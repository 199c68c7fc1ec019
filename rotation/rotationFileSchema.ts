import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseHandoff, parseHoursWindow } from './clockTime.js';
import { parseElapsed, parseEvery } from './duration.js';
import { parseLocalDate } from './localDate.js';
import { parseFileTime } from './localDateTime.js';
import { WEEKDAYS } from './weekday.js';
import { ADDRESS, ADDRESS_EXPECTED } from './address.js';
import { TEAM_ID_EXPECTED, teamIdKind } from './teamIds.js';
import { DUTY_TIME_EXPECTED, parseDutyTime } from './duties.js';

/**
 * The shape of a rotation file, field by field. Rules that relate fields to each other
 * (unknown ids, cycles, weekly start days…) live in `checkRotationFile`; this schema only
 * knows what each value must look like. Objects are strict: a misspelt key is an error,
 * never silently ignored.
 */

export const ROTATION_ID = /^[a-z0-9][a-z0-9-]*$/;

export const zoneName = z
  .string()
  .refine((s) => IANAZone.isValidZone(s), { error: (i) => `unknown time zone ${JSON.stringify(i.input)} (expected an IANA name such as "Europe/Berlin")` });

/** Members are e-mail addresses or UPNs (the one rule in address.ts), stored in lower case. */
export const memberName = z.string().trim().toLowerCase().regex(ADDRESS, { error: ADDRESS_EXPECTED });

/** A team by its group GUID (what Graph calls the team id) or its Teams thread id: Rota learns the other (teamIds.ts). */
const teamId = z.string().trim().refine((s) => teamIdKind(s) !== undefined, { error: (i) => `${TEAM_ID_EXPECTED}, not ${JSON.stringify(i.input)}` });

/** Spaces are normalised ("Mon-Fri  09:15" is "Mon-Fri 09:15"): a duty's id comes from its text, so re-spacing it keeps it the same duty. */
const dutyTime = z
  .string({ error: DUTY_TIME_EXPECTED })
  .transform((s) => s.trim().split(/\s+/).join(' '))
  .refine((s) => parseDutyTime(s) !== undefined, { error: DUTY_TIME_EXPECTED });

/** A duty of the checklist (rotation/duties.ts): its card goes to the person on duty at `at`, or with `post: channel` to the channel. */
export const dutySchema = z.strictObject({
  at: dutyTime,
  task: z.string({ error: 'expected the task as text' }).trim().min(1, { error: 'expected the task, e.g. "Check the nightly backup report"' }).max(500, { error: 'expected at most 500 characters' }),
  link: z.url({ protocol: /^https?$/, error: 'expected an http(s) link such as "https://runbooks.contoso.com/backups"' }).optional(),
  post: z.enum(['personal', 'channel'], { error: 'expected "personal" (the default) or "channel"' }).optional(),
});

const localDate = z.string().refine((s) => parseLocalDate(s) !== undefined, { error: 'expected a date such as 2026-01-05' });

/** Who a tag holds (sync/tags): `current` who is on duty now, `next` who is on duty after the next handoff. */
export const TAG_WHO = ['current', 'next'] as const;
export const tagSchema = z.strictObject({
  team: teamId,
  name: z.string().min(1).max(40),
  who: z.enum(TAG_WHO, { error: 'expected "current" (the default) or "next"' }).optional(),
  /** The rotation's shadows are in the tag too. */
  shadows: z.boolean().optional(),
});

/** An ISO 3166-1 alpha-2 country and optionally its region (ISO 3166-2 subdivision code without the country), as the holiday library names them. */
const holidaysByCountry = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as "DE"' }),
  region: z.string().regex(/^[A-Z0-9]{1,3}$/, { error: 'expected a region code such as "BY"' }).optional(),
  dates: z.array(localDate).optional(),
});

/** How a roster edit takes effect: at once, at the next handoff, or once everyone in the old order has had their turn. */
export const ROLLOUT_MODES = ['now', 'next-handoff', 'next-cycle'] as const;
export type RolloutMode = (typeof ROLLOUT_MODES)[number];

const rotationId = z.string().regex(ROTATION_ID, { error: 'expected lowercase letters, digits and dashes (^[a-z0-9][a-z0-9-]*$)' });

const fileTime = z
  .string()
  .refine((s) => parseFileTime(s) !== undefined, { error: 'expected a date (2026-03-09) or a date-time (2026-03-02T12:00, optionally with Z or an offset)' });

export const rotationSchema = z.strictObject({
  id: rotationId,
  name: z.string().min(1).optional(),
  timezone: zoneName.optional(),
  start: localDate,
  every: z.string().refine((s) => parseEvery(s) !== undefined, { error: 'expected a shift length such as "1w", "2w" or "3d"' }),
  handoff: z.string().refine((s) => parseHandoff(s) !== undefined, { error: 'expected "Mon 12:00" or "09:00"' }),
  days: z.array(z.enum(WEEKDAYS, { error: 'expected a weekday: Mon, Tue, Wed, Thu, Fri, Sat or Sun' })).min(1).optional(),
  onDuty: z.number().int().min(1).default(1),
  members: z.array(memberName).min(1, { error: 'expected at least one member' }),
  avoid: z
    .array(
      z.strictObject({
        rotation: rotationId,
        within: z.string().refine((s) => parseElapsed(s) !== undefined, { error: 'expected a duration such as "12h", "90m" or "1d"' }),
      }),
    )
    .optional(),
  escalation: rotationId.optional(),
  /** Dates, or a country's public holidays (a region too) from the holiday library, with extra dates (rotation/holidays.ts). */
  holidays: z.union([z.array(localDate), holidaysByCountry], { error: 'expected a list of dates or { country: DE, region: BY, dates: [...] }' }).optional(),
  /** How a roster edit (members added, removed or reordered) rolls out (rotation/rollout.ts); default `next-handoff`. */
  effective: z.enum(ROLLOUT_MODES, { error: 'expected "now", "next-handoff" (the default) or "next-cycle"' }).optional(),
  /** Observers: they get the handoff, duty and escalation cards, never count in fairness, never are the one on duty. */
  shadows: z.array(memberName).max(20, { error: 'expected at most 20 shadows' }).optional(),
  hours: z.string().refine((s) => parseHoursWindow(s) !== undefined, { error: 'expected a local window such as "20:00-08:00"' }).optional(),
  /** `queue` (default): the plain queue. `rotate-weekly`: one turn moves to the back each cycle (rotation/dutyCycle.ts). */
  order: z.enum(['queue', 'rotate-weekly'], { error: 'expected "queue" or "rotate-weekly"' }).optional(),
  /** `turns` (default): the queue decides. `hours`: the next shift goes to whoever has the fewest on-duty hours. */
  balance: z.enum(['turns', 'hours'], { error: 'expected "turns" or "hours"' }).optional(),
  // Where a rotation is synced and posted (the sync and bot issues).
  /** One tag or several; each holds who is on duty now (`who: current`, the default) or at the next handoff (`next`). */
  tag: z.union([tagSchema, z.array(tagSchema).min(1).max(10)], { error: 'expected { team, name } or a list of them' }).optional(),
  calendar: z.strictObject({ mailbox: z.string().min(1), name: z.string().min(1) }).optional(),
  channel: z.strictObject({ team: teamId, id: z.string().min(1) }).optional(),
  admins: z.array(memberName).optional(),
  /** Also block each on-duty member's own calendar ("On interrupt duty"); off unless set. */
  blockPersonalCalendars: z.boolean().optional(),
  /** False where being on duty here beside another rotation is intended (an escalation rotation): no double-booking warning. */
  exclusive: z.boolean().optional(),
  /** The duty checklist, and the daily checks (rotation/duties.ts); times local to the rotation's zone. */
  duties: z.array(dutySchema).max(50, { error: 'expected at most 50 duties' }).optional(),
  morningCheck: dutyTime.optional(),
  eveningCheck: dutyTime.optional(),
});

export const overrideSchema = z.strictObject({
  rotation: rotationId,
  from: fileTime,
  to: fileTime,
  member: memberName,
  replaces: memberName.optional(),
});

export const timeOffSchema = z.strictObject({
  member: memberName,
  from: fileTime,
  to: fileTime,
  rotation: rotationId.optional(),
});

/** A tag holding everyone on duty across several rotations (primary + secondary, ops + Dev of the Week). */
export const combinedTagSchema = z.strictObject({
  team: teamId,
  name: z.string().min(1).max(40),
  rotations: z.array(rotationId).min(2, { error: 'expected at least two rotations (a tag for one goes on the rotation)' }),
  who: z.enum(TAG_WHO, { error: 'expected "current" (the default) or "next"' }).optional(),
  shadows: z.boolean().optional(),
});

export const WEBHOOK_EVENTS = ['handoff', 'override', 'swap', 'duty', 'escalation'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The only environment variables a webhook's `secret: "env:NAME"` may name. */
export const WEBHOOK_SECRET_PREFIX = 'ROTA_WEBHOOK_';
const WEBHOOK_SECRET_NAME = /^env:ROTA_WEBHOOK_[A-Za-z0-9_]+$/;

/** A receiver of Rota's events; the HMAC secret is named by environment variable (`env:NAME`), never written in the file. */
export const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as "https://prod-12.westeurope.logic.azure.com/workflows/…"' }),
  events: z.array(z.enum(WEBHOOK_EVENTS, { error: `expected one of ${WEBHOOK_EVENTS.join(', ')}` })).min(1, { error: 'expected at least one event' }),
  secret: z
    .string()
    // Only ROTA_WEBHOOK_ variables: "env:MicrosoftAppPassword" would sign posts to a URL of the file author's choosing
    // with Rota's own credential (app/root/config.ts secretOf applies the same rule).
    .regex(WEBHOOK_SECRET_NAME, { error: `expected "env:${WEBHOOK_SECRET_PREFIX}<NAME>": a webhook secret is read only from an environment variable whose name starts ${WEBHOOK_SECRET_PREFIX} (a secret is never written in the file)` })
    .optional(),
  /** Only these rotations' events; all rotations when left out. */
  rotations: z.array(rotationId).optional(),
});

export const rotationFileSchema = z.strictObject({
  timezone: zoneName.default('UTC'),
  admins: z.array(memberName).optional(),
  tags: z.array(combinedTagSchema).max(20, { error: 'expected at most 20 tags' }).optional(),
  webhooks: z.array(webhookSchema).max(20, { error: 'expected at most 20 webhooks' }).optional(),
  rotations: z.array(rotationSchema),
  overrides: z.array(overrideSchema).optional(),
  timeOff: z.array(timeOffSchema).optional(),
});

export type RotationFile = z.output<typeof rotationFileSchema>;
export type FileRotation = z.output<typeof rotationSchema>;
export type FileOverride = z.output<typeof overrideSchema>;
export type FileTimeOff = z.output<typeof timeOffSchema>;
export type FileDuty = z.output<typeof dutySchema>;
export type FileTag = z.output<typeof tagSchema>;
export type FileCombinedTag = z.output<typeof combinedTagSchema>;
export type FileWebhook = z.output<typeof webhookSchema>;
export type FileHolidays = NonNullable<FileRotation['holidays']>;

/** A rotation's tags as a list, whichever way the file wrote them. */
export function tagsOf(r: { tag?: FileTag | FileTag[] | undefined }): FileTag[] {
  return r.tag === undefined ? [] : Array.isArray(r.tag) ? r.tag : [r.tag];
}

/** The tag the rotation's posts mention: its first tag holding who is on duty now. */
export function currentTagOf(r: { tag?: FileTag | FileTag[] | undefined }): FileTag | undefined {
  return tagsOf(r).find((t) => (t.who ?? 'current') === 'current');
}
