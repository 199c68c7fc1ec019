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

const rotationId = z.string().regex(ROTATION_ID, { error: 'expected lowercase letters, digits and dashes (^[a-z0-9][a-z0-9-]*$)' });

const localDate = z.string().refine((s) => parseLocalDate(s) !== undefined, { error: 'expected a date such as 2026-01-05' });

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
  holidays: z.array(localDate).optional(),
  hours: z.string().refine((s) => parseHoursWindow(s) !== undefined, { error: 'expected a local window such as "20:00-08:00"' }).optional(),
  /** `queue` (default): the plain queue. `rotate-weekly`: one turn moves to the back each cycle (rotation/dutyCycle.ts). */
  order: z.enum(['queue', 'rotate-weekly'], { error: 'expected "queue" or "rotate-weekly"' }).optional(),
  /** `turns` (default): the queue decides. `hours`: the next shift goes to whoever has the fewest on-duty hours. */
  balance: z.enum(['turns', 'hours'], { error: 'expected "turns" or "hours"' }).optional(),
  // Where a rotation is synced and posted (the sync and bot issues).
  tag: z.strictObject({ team: teamId, name: z.string().min(1).max(40) }).optional(),
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

export const rotationFileSchema = z.strictObject({
  timezone: zoneName.default('UTC'),
  admins: z.array(memberName).optional(),
  rotations: z.array(rotationSchema),
  overrides: z.array(overrideSchema).optional(),
  timeOff: z.array(timeOffSchema).optional(),
});

export type RotationFile = z.output<typeof rotationFileSchema>;
export type FileRotation = z.output<typeof rotationSchema>;
export type FileOverride = z.output<typeof overrideSchema>;
export type FileTimeOff = z.output<typeof timeOffSchema>;
export type FileDuty = z.output<typeof dutySchema>;
