/** The rotation core's public API. Pure: no I/O, no clock; `now` is always passed in. */
export type { Result } from './result.js';
export { formatFieldError, type FieldError } from './fieldError.js';
export { parseRotationFile, validateRotationFile, stringifyRotationFile } from './file.js';
export type { RotationFile, FileRotation, FileOverride, FileTimeOff } from './rotationFileSchema.js';
export type { RotationDef, RotationVersion, RotationHistory, Override, TimeOff, ScheduleInput, Segment, Shift } from './schedule.js';
export { scheduleFromFile, resolveRange } from './scheduleFromFile.js';
export { parseFileTime, resolveFileTime, type FileTime } from './localDateTime.js';
export { nextHandoffAfter } from './shiftBoundaries.js';
export { segmentsBetween } from './segmentsBetween.js';
export { onDutyAt } from './onDutyAt.js';
export { nextShifts, type NextShiftsOptions } from './nextShifts.js';
export { materialise, RotationIndex, type MaterialisedSchedule } from './materialise.js';
export { fairness, type MemberFairness, type RotationFairness } from './fairness.js';
export { toICalendar, type ICalendarOptions } from './ics.js';
export { ZoneClock } from './zoneClock.js';
export { dutyAt, type DutyAnswer } from './dutyAt.js';
export { weekdayPinning, pinningWarnings, schedulePinningWarnings, type FileWarning, type PinnedMember } from './weekdayPinning.js';
export { roundedPercents } from './roundedPercents.js';
