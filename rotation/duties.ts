import { parseClockTime } from './clockTime.js';
import { formatLocalDate, isoWeekday } from './localDate.js';
import { weekdayNumber } from './weekday.js';
import { ZoneClock } from './zoneClock.js';

/**
 * The duty checklist's times: "Mon-Fri 09:15" (a range of weekdays), "Thu 18:00", "Mon,Wed 09:15" (a list),
 * "09:15" (every day). A range may wrap the week ("Fri-Mon 08:00"). Local to the rotation's zone.
 */
export type DutyTime = {
  /** Bit n set: the duty is due on ISO weekday n (1 = Mon … 7 = Sun). */
  dayMask: number;
  /** Minutes after local midnight. */
  minutes: number;
};

export const DUTY_TIME_EXPECTED = 'expected "Mon-Fri 09:15", "Thu 18:00" or "09:15"';
const EVERY_DAY = 0b11111110;

export function parseDutyTime(text: string): DutyTime | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 1) {
    const minutes = parseClockTime(parts[0] ?? '');
    return minutes === undefined ? undefined : { dayMask: EVERY_DAY, minutes };
  }
  if (parts.length !== 2) return undefined;
  const minutes = parseClockTime(parts[1] ?? '');
  const dayMask = parseDays(parts[0] ?? '');
  return minutes === undefined || dayMask === undefined ? undefined : { dayMask, minutes };
}

/** "Mon-Fri", "Sat", "Mon,Wed,Fri", "Fri-Mon" (wraps), "Mon-Wed,Sat" → a weekday mask. */
function parseDays(text: string): number | undefined {
  let mask = 0;
  for (const part of text.split(',')) {
    const [a, b, ...rest] = part.split('-');
    const first = weekdayNumber(a ?? '');
    const last = b === undefined ? first : weekdayNumber(b);
    if (first === undefined || last === undefined || rest.length > 0) return undefined;
    for (let d = first, n = 0; n < 7; d = (d % 7) + 1, n++) {
      mask |= 1 << d;
      if (d === last) break;
    }
  }
  return mask === 0 ? undefined : mask;
}

/** One duty of a rotation's checklist, as the file writes it. */
export type Duty = { at: string; task: string; link?: string; post?: 'personal' | 'channel' };

/** What the core needs of a rotation to time its duties and checks. */
export type DutyRotation = {
  id: string;
  timezone: string;
  duties?: readonly Duty[];
  morningCheck?: string;
  eveningCheck?: string;
};

/** One duty on one local day: `key` names it for good (a restart or a second replica never sends it twice). */
export type DutyOccurrence = {
  key: string;
  rotation: string;
  /** Stable across edits of other duties: derived from the duty's `at` and `task` (dutyId). */
  dutyId: string;
  /** The local date, "2026-03-29". */
  date: string;
  at: number;
  task: string;
  link?: string;
  post: 'personal' | 'channel';
};

export type CheckKind = 'morning' | 'evening';

/** A morning or evening check on one local day. */
export type CheckOccurrence = { key: string; rotation: string; kind: CheckKind; date: string; at: number };

/**
 * A duty's id: FNV-1a of its time and task. Editing or inserting another duty leaves it alone; changing its own
 * time or task makes it another duty (the old one's record stays as it was).
 */
export function dutyId(duty: Pick<Duty, 'at' | 'task'>): string {
  let h = 0x811c9dc5;
  for (const ch of `${duty.at.trim()}\u0000${duty.task.trim()}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Local days whose `time` falls in [from, to), with its instant. Each local day yields at most one instant, so a
 * time in the fall-back overlap fires once (the first occurrence) and one in the spring-forward gap moves forward
 * by the gap (ZoneClock.toInstant, RFC 5545 §3.3.5) — the same rules as handoffs.
 */
function localTimesBetween(clock: ZoneClock, time: DutyTime, from: number, to: number): Array<{ day: number; at: number }> {
  const out: Array<{ day: number; at: number }> = [];
  if (!(to > from)) return out;
  // One day either side: an instant's local day may differ from its UTC day by the zone's offset.
  for (let day = clock.localDay(from) - 1; day <= clock.localDay(to) + 1; day++) {
    if ((time.dayMask & (1 << isoWeekday(day))) === 0) continue;
    const at = clock.at(day, time.minutes);
    if (at >= from && at < to) out.push({ day, at });
  }
  return out;
}

/** Every duty of `rotation` due in [from, to), in time order. */
export function dutyOccurrences(rotation: DutyRotation, from: number, to: number): DutyOccurrence[] {
  const clock = ZoneClock.of(rotation.timezone);
  const out: DutyOccurrence[] = [];
  for (const duty of rotation.duties ?? []) {
    const time = parseDutyTime(duty.at);
    if (!time) throw new RangeError(`rotation "${rotation.id}": duty time "${duty.at}" is not valid: validate the file first`);
    const id = dutyId(duty);
    for (const { day, at } of localTimesBetween(clock, time, from, to)) {
      const date = formatLocalDate(day);
      out.push({
        key: `duty:${rotation.id}:${id}:${date}`,
        rotation: rotation.id,
        dutyId: id,
        date,
        at,
        task: duty.task,
        ...(duty.link ? { link: duty.link } : {}),
        post: duty.post ?? 'personal',
      });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** The rotation's morning or evening checks in [from, to); none when the rotation has no such check. */
export function checkOccurrences(rotation: DutyRotation, kind: CheckKind, from: number, to: number): CheckOccurrence[] {
  const text = kind === 'morning' ? rotation.morningCheck : rotation.eveningCheck;
  if (text === undefined) return [];
  const time = parseDutyTime(text);
  if (!time) throw new RangeError(`rotation "${rotation.id}": ${kind}Check "${text}" is not valid: validate the file first`);
  return localTimesBetween(ZoneClock.of(rotation.timezone), time, from, to).map(({ day, at }) => {
    const date = formatLocalDate(day);
    return { key: `check:${kind}:${rotation.id}:${date}`, rotation: rotation.id, kind, date, at };
  });
}

/** The local epoch day `day` as instants [start, end) in `timezone`: 23 or 25 hours across a DST change. */
export function localDayBounds(timezone: string, day: number): { start: number; end: number } {
  const clock = ZoneClock.of(timezone);
  return { start: clock.at(day, 0), end: clock.at(day + 1, 0) };
}
