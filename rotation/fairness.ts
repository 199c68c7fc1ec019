import { compileRotation } from './compiledRotation.js';
import { computeSchedule } from './computeSchedule.js';
import { isoWeekday, MS_PER_HOUR, parseLocalDate } from './localDate.js';
import type { ScheduleInput, TimeOff } from './schedule.js';
import type { ZoneClock } from './zoneClock.js';
import type { HolidayDays } from './holidays.js';

export type MemberFairness = {
  member: string;
  /** Shifts starting in the window in which the member was on duty (overrides included). */
  shifts: number;
  onDutyHours: number;
  /** On-duty hours on local Saturdays and Sundays, in the rotation's zone. */
  weekendHours: number;
  /** On-duty hours on the rotation's holidays (its dates and its country's public holidays, rotation/holidays.ts, and any passed in), local dates. */
  holidayHours: number;
  /** The member's part of the rotation's on-duty hours in the window; a rotation's shares add up to 1. */
  share: number;
  /** Hours in the window the member was in the roster and not on time off. */
  availableHours: number;
  /**
   * "Share of capacity": the member's part of all members' available hours, i.e. the share of the
   * on-duty hours they would carry if duty followed availability. Adds up to 1 like `share`.
   */
  capacityShare: number;
};

export type RotationFairness = {
  rotation: string;
  windowHours: number;
  /** Person-hours on duty over person-hours in the roster: one on duty of five is 0.2. */
  onDutyRatio: number;
  members: MemberFairness[];
};

/** Who carried how much of each rotation in [from, to). Members with no duty are listed with zeros. */
export function fairness(schedule: ScheduleInput, from: number, to: number, options: { holidays?: string[] } = {}): RotationFairness[] {
  const computed = computeSchedule(schedule, to);
  const extraHolidays = new Set((options.holidays ?? []).map(parseLocalDate).filter((d): d is number => d !== undefined));
  const windowHours = (to - from) / MS_PER_HOUR;
  const out: RotationFairness[] = [];
  for (const history of [...schedule.rotations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const stats = new Map<string, MemberFairness>();
    const entry = (member: string): MemberFairness => {
      let m = stats.get(member);
      if (!m) stats.set(member, (m = { member, shifts: 0, onDutyHours: 0, weekendHours: 0, holidayHours: 0, share: 0, availableHours: 0, capacityShare: 0 }));
      return m;
    };
    let capacityHours = 0;
    history.versions.forEach((v, i) => {
      const a = Math.max(v.from, from);
      const b = Math.min(history.versions[i + 1]?.from ?? Infinity, to);
      const roster = compileRotation(v.rotation).members;
      if (b > a) {
        capacityHours += (roster.length * (b - a)) / MS_PER_HOUR;
        for (const member of roster) entry(member).availableHours += (b - a - awayMs(schedule.timeOff, member, history.id, a, b)) / MS_PER_HOUR;
      }
    });
    for (const shift of computed.rotations.get(history.id)?.shifts ?? []) {
      if (shift.end <= from || shift.start >= to) continue;
      const def = history.versions[shift.version]?.rotation;
      if (!def) continue;
      const compiled = compileRotation(def);
      const holidays = { has: (day: number) => compiled.holidays.has(day) || extraHolidays.has(day) };
      const worked = new Set<string>();
      for (const seg of shift.segments) {
        const a = Math.max(seg.start, from);
        const b = Math.min(seg.end, to);
        if (b <= a) continue;
        const split = splitByLocalDay(compiled.clock, a, b, holidays);
        for (const member of seg.members) {
          const m = entry(member);
          m.onDutyHours += (b - a) / MS_PER_HOUR;
          m.weekendHours += split.weekend / MS_PER_HOUR;
          m.holidayHours += split.holiday / MS_PER_HOUR;
          worked.add(member);
        }
      }
      if (shift.start >= from) for (const member of worked) entry(member).shifts += 1;
    }
    const members = [...stats.values()];
    const dutyHours = members.reduce((sum, m) => sum + m.onDutyHours, 0);
    const availableHours = members.reduce((sum, m) => sum + m.availableHours, 0);
    for (const m of members) {
      m.share = dutyHours > 0 ? m.onDutyHours / dutyHours : 0;
      m.capacityShare = availableHours > 0 ? m.availableHours / availableHours : 0;
    }
    out.push({ rotation: history.id, windowHours, onDutyRatio: capacityHours > 0 ? dutyHours / capacityHours : 0, members });
  }
  return out;
}

/** Milliseconds of [a, b) the member is away from this rotation; overlapping time off counts once. */
function awayMs(timeOff: readonly TimeOff[], member: string, rotation: string, a: number, b: number): number {
  const spans = timeOff
    .filter((t) => t.member === member && (t.rotation === undefined || t.rotation === rotation) && t.from < b && t.to > a)
    .map((t) => [Math.max(t.from, a), Math.min(t.to, b)] as const)
    .sort((x, y) => x[0] - y[0]);
  let ms = 0;
  let reached = a;
  for (const [from, to] of spans) {
    if (to > reached) ms += to - Math.max(from, reached);
    reached = Math.max(reached, to);
  }
  return ms;
}

/** Milliseconds of [a, b) falling on local weekend days and on holidays (local midnight to midnight). */
function splitByLocalDay(clock: ZoneClock, a: number, b: number, holidays: Pick<HolidayDays, 'has'>): { weekend: number; holiday: number } {
  let weekend = 0;
  let holiday = 0;
  const last = clock.localDay(b - 1);
  for (let day = clock.localDay(a); day <= last; day++) {
    const weekendDay = isoWeekday(day) >= 6;
    const holidayDay = holidays.has(day);
    if (!weekendDay && !holidayDay) continue;
    const ms = Math.min(b, clock.at(day + 1, 0)) - Math.max(a, clock.at(day, 0));
    if (ms <= 0) continue;
    if (weekendDay) weekend += ms;
    if (holidayDay) holiday += ms;
  }
  return { weekend, holiday };
}
