import fc from 'fast-check';
import { formatClockTime } from '../../rotation/clockTime.js';
import { epochDay, formatLocalDate, isoWeekday } from '../../rotation/localDate.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { WEEKDAYS, weekdayName } from '../../rotation/weekday.js';

export const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Sao_Paulo'];
export const MEMBERS = ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com', 'f@x.com', 'g@x.com'];

const FIRST_DAY = epochDay(2025, 1, 1);
const LAST_DAY = epochDay(2027, 12, 31);

/** Handoff minutes biased towards 01:00–03:59, where DST gaps and overlaps live. */
const handoffMinutes = fc.oneof(fc.integer({ min: 60, max: 239 }), fc.integer({ min: 0, max: 1439 }));

export type RotationOptions = { id?: string; hours?: boolean; minMembers?: number };

export function rotationDef(options: RotationOptions = {}): fc.Arbitrary<RotationDef> {
  return fc
    .record({
      zone: fc.constantFrom(...ZONES),
      startDay: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
      every: fc.constantFrom('1d', '2d', '3d', '1w', '2w'),
      minutes: handoffMinutes,
      days: fc.option(fc.subarray([...WEEKDAYS], { minLength: 1 }), { nil: undefined }),
      members: fc.shuffledSubarray(MEMBERS, { minLength: options.minMembers ?? 1 }),
      onDutyWish: fc.integer({ min: 1, max: 3 }),
      hours: options.hours ? fc.option(fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1439 })), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ zone, startDay, every, minutes, days, members, onDutyWish, hours }) => {
      const weekly = every.endsWith('w');
      const def: RotationDef = {
        id: options.id ?? 'r',
        timezone: zone,
        start: formatLocalDate(startDay),
        every,
        handoff: weekly ? `${weekdayName(isoWeekday(startDay))} ${formatClockTime(minutes)}` : formatClockTime(minutes),
        onDuty: Math.min(onDutyWish, members.length),
        members,
      };
      if (!weekly && days) def.days = days;
      if (hours) def.hours = `${formatClockTime(hours[0])}-${formatClockTime((hours[0] + hours[1]) % 1440)}`;
      return def;
    });
}

export const startInstant = (def: RotationDef): number => Date.parse(`${def.start}T00:00:00Z`) - 86_400_000;
