/** The rotation core's public API. Pure: no I/O, no clock; `now` is always passed in. */
export { ok, fail, type Result, type Outcome } from './result.js';
export { messageOf } from './messageOf.js';
export { formatFieldError, type FieldError } from './fieldError.js';
export { parseRotationFile, validateRotationFile, stringifyRotationFile } from './file.js';
export type { RotationFile, FileRotation, FileOverride, FileTimeOff } from './rotationFileSchema.js';
export type { RotationDef, RotationVersion, RotationHistory, Override, TimeOff, ScheduleInput, Segment, Shift } from './schedule.js';
export { scheduleFromFile, resolveRange } from './scheduleFromFile.js';
export { parseFileTime, resolveFileTime, type FileTime } from './localDateTime.js';
export { nextHandoffAfter } from './shiftBoundaries.js';
export { segmentsBetween } from './segmentsBetween.js';
export { nextBoundaries } from './nextBoundaries.js';
export { onDutyAt } from './onDutyAt.js';
export { nextShifts, type NextShiftsOptions } from './nextShifts.js';
export { materialise, RotationIndex, type MaterialisedSchedule } from './materialise.js';
export { fairness, type MemberFairness, type RotationFairness } from './fairness.js';
export { toICalendar, type ICalendarOptions } from './ics.js';
export { ZoneClock } from './zoneClock.js';
export { dutyAt, type DutyAnswer } from './dutyAt.js';
export { changedAnywhere, changedStretches, type ChangedStretch } from './changedStretches.js';
export { doubleBookings, doubleBookedDuring, doubleBookedHours, otherRotation, type DoubleBooking } from './doubleBookings.js';
export { nextStretches } from './nextStretches.js';
export { weekdayPinning, pinningWarnings, schedulePinningWarnings, type FileWarning, type PinnedMember } from './weekdayPinning.js';
export { roundedPercents } from './roundedPercents.js';
export { MS_PER_MINUTE, MS_PER_HOUR, MS_PER_DAY, MS_PER_WEEK } from './localDate.js';
export { teamIdKind, TeamIds, TEAM_ID_EXPECTED, unresolvedTeamMessage, type TeamIdKind, type TeamPair } from './teamIds.js';
export {
  parseDutyTime,
  dutyOccurrences,
  checkOccurrences,
  dutyId,
  localDayBounds,
  DUTY_TIME_EXPECTED,
  type Duty,
  type DutyTime,
  type DutyRotation,
  type DutyOccurrence,
  type CheckOccurrence,
  type CheckKind,
} from './duties.js';
export { dutyStretches, stretchMoves, personMoves, type DutyStretch, type MemberStretches, type PersonMove } from './personMoves.js';
export { tagsOf, currentTagOf, ROLLOUT_MODES, TAG_WHO, WEBHOOK_EVENTS, type RolloutMode, type WebhookEvent, type FileTag, type FileCombinedTag, type FileWebhook, type FileHolidays } from './rotationFileSchema.js';
export { rolloutFrom, rolloutMode } from './rollout.js';
export { isHandoff } from './schedule.js';
