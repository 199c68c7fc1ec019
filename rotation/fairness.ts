import { compileRotation } from './compiledRotation.js';
import { computeSchedule } from './computeSchedule.js';
import { isoWeekday, MS_PER_HOUR, parseLocalDate } from './localDate.js';
import type { ScheduleInput } from './schedule.js';
import type { ZoneClock } from './zoneClock.js';

export type MemberFairness = {
  member: string;
  /** Shifts starting in the window in which the member was on duty (overrides included). */
  shifts: number;
  onDutyHours: number;
  /** On-duty hours on local Saturdays and Sundays, in the rotation's zone. */
  weekendHours: number;
  /** On-duty hours on the rotation's holidays (and any passed in), local dates. */
  holidayHours: number;
  /** Fraction of the window this member was on duty (one of five in a plain rotation: 0.2). */
  share: number;
};

export type RotationFairness = {
  rotation: string;
  windowHours: number;
  /** Person-hours on duty over person-hours in the roster: one on duty of five is 0.2. */
  capacityShare: number;
  members: MemberFairness[];
};

/** Who carried how much of each rotation in [from, to). Members with no duty are listed with zeros. */
export function fairness(schedule: ScheduleInput, from: number, to: number, options: { holidays?: string[] } = {}): RotationFairness[] {
  const computed = computeSchedule(schedule, to);
  const extraHolidays = (options.holidays ?? []).map(parseLocalDate).filter((d): d is number => d !== undefined);
  const windowHours = (to - from) / MS_PER_HOUR;
  const out: RotationFairness[] = [];
  for (const history of [...schedule.rotations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const stats = new Map<string, MemberFairness>();
    const entry = (member: string): MemberFairness => {
      let m = stats.get(member);
      if (!m) stats.set(member, (m = { member, shifts: 0, onDutyHours: 0, weekendHours: 0, holidayHours: 0, share: 0 }));
      return m;
    };
    let capacityHours = 0;
    history.versions.forEach((v, i) => {
      const a = Math.max(v.from, from);
      const b = Math.min(history.versions[i + 1]?.from ?? Infinity, to);
      const roster = compileRotation(v.rotation).members;
      if (b > a) {
        capacityHours += (roster.length * (b - a)) / MS_PER_HOUR;
        roster.forEach(entry);
      }
    });
    for (const shift of computed.rotations.get(history.id)?.shifts ?? []) {
      if (shift.end <= from || shift.start >= to) continue;
      const def = history.versions[shift.version]?.rotation;
      if (!def) continue;
      const compiled = compileRotation(def);
      const holidays = new Set([...compiled.holidays, ...extraHolidays]);
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
    for (const m of members) m.share = windowHours > 0 ? m.onDutyHours / windowHours : 0;
    out.push({ rotation: history.id, windowHours, capacityShare: capacityHours > 0 ? dutyHours / capacityHours : 0, members });
  }
  return out;
}

/** Milliseconds of [a, b) falling on local weekend days and on holidays (local midnight to midnight). */
function splitByLocalDay(clock: ZoneClock, a: number, b: number, holidays: ReadonlySet<number>): { weekend: number; holiday: number } {
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
