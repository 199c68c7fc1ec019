import { parseHandoff, parseHoursWindow, type HoursWindow } from './clockTime.js';
import { everyDays, parseEvery } from './duration.js';
import { cycleDays } from './dutyCycle.js';
import { holidayDays, type HolidayDays } from './holidays.js';
import { parseLocalDate } from './localDate.js';
import type { RotationDef } from './schedule.js';
import { weekdayNumber } from './weekday.js';
import { ZoneClock } from './zoneClock.js';

/** A rotation version reduced to numbers for the hot loops. */
export type CompiledRotation = {
  clock: ZoneClock;
  startDay: number;
  stepDays: number;
  handoffMinutes: number;
  /** Bit n set: handoffs allowed on ISO weekday n. All bits for weekly rotations. */
  dayMask: number;
  /** The rotation's holiday local days (rotation/holidays.ts): `stats` counts their hours in every rotation. */
  holidays: HolidayDays;
  /** Day-based rotations move a handoff off a holiday to the next free day (handoffCursor.ts); a weekly one hands off as usual. */
  skipHolidays: boolean;
  hours: HoursWindow | undefined;
  onDuty: number;
  members: string[];
  /** `rotate-weekly` moves the queue on by one turn at each cycle boundary (dutyCycle.ts). */
  rotateWeekly: boolean;
  /** `balance: hours`: each shift goes to the available members with the fewest on-duty hours. */
  balanceHours: boolean;
  /** Length of the cycle in local days (Infinity when the rotation has no handoffs). */
  cycleDays: number;
};

const cache = new WeakMap<RotationDef, CompiledRotation>();

export function compileRotation(def: RotationDef): CompiledRotation {
  let compiled = cache.get(def);
  if (compiled) return compiled;
  const every = parseEvery(def.every);
  const handoff = parseHandoff(def.handoff);
  const startDay = parseLocalDate(def.start);
  const hours = def.hours === undefined ? undefined : parseHoursWindow(def.hours);
  if (!every || !handoff || startDay === undefined || (def.hours !== undefined && !hours)) {
    throw new RangeError(`rotation "${def.id}" is not valid: validate it with validateRotationFile first`);
  }
  let dayMask = 0b11111110;
  if (every.unit === 'd' && def.days) {
    dayMask = 0;
    for (const d of def.days) dayMask |= 1 << (weekdayNumber(d) ?? 0);
  }
  const holidays = holidayDays(def.holidays);
  const members = [...new Set(def.members)];
  const stepDays = everyDays(every);
  compiled = {
    clock: ZoneClock.of(def.timezone),
    startDay,
    stepDays,
    handoffMinutes: handoff.minutes,
    dayMask,
    holidays,
    skipHolidays: every.unit === 'd',
    hours,
    onDuty: def.onDuty,
    members,
    rotateWeekly: def.order === 'rotate-weekly',
    balanceHours: def.balance === 'hours',
    cycleDays: cycleDays({ startDay, stepDays, dayMask, memberCount: members.length, onDuty: def.onDuty }),
  };
  cache.set(def, compiled);
  return compiled;
}
