import { formatClockTime, parseHoursWindow, type HoursWindow } from './clockTime.js';
import { dutyId, parseDutyTime, type DutyTime } from './duties.js';
import type { FileRotation } from './rotationFileSchema.js';
import { weekdayName } from './weekday.js';

type Report = (path: PropertyKey[], message: string) => void;

/**
 * Errors in a rotation's checklist: the same duty twice — the same task (ignoring case) at the same time on a day
 * both name, which would send two cards — and two duties whose ids collide (their records would mix).
 */
export function checkDuties(r: FileRotation, at: PropertyKey[], err: Report): void {
  const seen: Array<{ index: number; time: DutyTime; task: string; id: string }> = [];
  r.duties?.forEach((duty, index) => {
    const time = parseDutyTime(duty.at);
    if (!time) return;
    const task = duty.task.trim().toLowerCase();
    const id = dutyId(duty);
    for (const other of seen) {
      const shared = other.time.dayMask & time.dayMask;
      if (other.task === task && other.time.minutes === time.minutes && shared !== 0) {
        err([...at, 'duties', index], `the same duty as duties[${other.index}] ("${duty.task}" at ${formatClockTime(time.minutes)} on ${dayList(shared)}): it would be sent twice`);
        break;
      }
      if (other.id === id) {
        err([...at, 'duties', index], `duties[${other.index}] has the same id (${id}); reword one of the two tasks slightly`);
        break;
      }
    }
    seen.push({ index, time, task, id });
  });
}

/**
 * Allowed but probably not meant: a channel duty where the file names no channel (it goes where `subscribe` was
 * said, or else to each person on duty personally, app/usecases/dutyDelivery.ts), an evening check that is not after the morning check, and a duty or check at a time the
 * rotation's `hours` leave nobody on duty.
 */
export function warnDuties(r: FileRotation, at: PropertyKey[], warn: Report): void {
  const hours = r.hours === undefined ? undefined : parseHoursWindow(r.hours);
  r.duties?.forEach((duty, index) => {
    if (duty.post === 'channel' && !r.channel) {
      warn([...at, 'duties', index, 'post'], `rotation "${r.id}" has no channel: this card goes to the channel where "subscribe ${r.id}" was said; until then it is sent to each person on duty in a personal chat instead, and recorded as not delivered (no channel to post to)`);
    }
    const time = parseDutyTime(duty.at);
    if (hours && time && !withinHours(time.minutes, hours)) {
      warn([...at, 'duties', index, 'at'], `${formatClockTime(time.minutes)} is outside hours ${r.hours}: nobody is on duty then, so the card goes to whoever is on duty next`);
    }
  });
  const morning = r.morningCheck === undefined ? undefined : parseDutyTime(r.morningCheck);
  const evening = r.eveningCheck === undefined ? undefined : parseDutyTime(r.eveningCheck);
  if (morning && evening) {
    const shared = morning.dayMask & evening.dayMask;
    if (shared !== 0 && evening.minutes <= morning.minutes) {
      warn([...at, 'eveningCheck'], `${formatClockTime(evening.minutes)} is not after morningCheck ${formatClockTime(morning.minutes)} (on ${dayList(shared)}): the evening check would come first`);
    }
  }
  for (const kind of ['morningCheck', 'eveningCheck'] as const) {
    const time = kind === 'morningCheck' ? morning : evening;
    if (hours && time && !withinHours(time.minutes, hours)) warn([...at, kind], `${formatClockTime(time.minutes)} is outside hours ${r.hours}: nobody is on duty then`);
  }
}

/** An `hours` window holds [start, end), across midnight when end <= start. */
function withinHours(minutes: number, w: HoursWindow): boolean {
  return w.start < w.end ? minutes >= w.start && minutes < w.end : minutes >= w.start || minutes < w.end;
}

/** A weekday mask in words: "every day", or "Mon, Wed". */
function dayList(mask: number): string {
  const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => (mask & (1 << d)) !== 0);
  return days.length === 7 ? 'every day' : days.map(weekdayName).join(', ');
}
