import { DateTime } from 'luxon';
import { when } from './format.js';

const midnight = (t: DateTime) => t.hour === 0 && t.minute === 0 && t.second === 0 && t.millisecond === 0;

/**
 * An out-of-office block as a person says it, in `zone`: whole days ("10–14 March", "28 February – 3 March", "10
 * March"; Outlook's all-day blocks end at the next midnight, so the last day is the one before) or, for a block that
 * starts or ends within a day, its instants ("Tue 10 Mar 14:00 GMT+1 – Wed 11 Mar 12:00 GMT+1"). The year is added
 * when it is not the current one.
 */
export function oofRangeText(start: number, end: number, zone: string, now: number): string {
  const from = DateTime.fromMillis(start, { zone });
  const to = DateTime.fromMillis(end, { zone });
  if (!midnight(from) || !midnight(to)) return `${when(start, zone, now)} – ${when(end, zone, now)}`;
  const last = to.minus({ days: 1 });
  const thisYear = DateTime.fromMillis(now, { zone }).year;
  const year = (t: DateTime) => (t.year !== thisYear ? ` ${t.year}` : '');
  if (from.hasSame(last, 'day')) return `${from.toFormat('d MMMM')}${year(from)}`;
  if (from.hasSame(last, 'month')) return `${from.toFormat('d')}–${last.toFormat('d MMMM')}${year(last)}`;
  if (from.hasSame(last, 'year')) return `${from.toFormat('d MMMM')} – ${last.toFormat('d MMMM')}${year(last)}`;
  return `${from.toFormat('d MMMM yyyy')} – ${last.toFormat('d MMMM yyyy')}`;
}

/** "Mon 9 March" (with the year when it is not the current one): the day a covered shift starts. */
export function shiftDayText(at: number, zone: string, now: number): string {
  const t = DateTime.fromMillis(at, { zone });
  return t.toFormat(t.year !== DateTime.fromMillis(now, { zone }).year ? 'ccc d MMMM yyyy' : 'ccc d MMMM');
}

/** The question: "You are out of office 10–14 March, which covers your **Op of the Week** shift from Mon 9 March; mark it as time off?" */
export function oofQuestionText(v: { start: number; end: number; detail: { rotationName: string; zone: string; shiftStart: number; more: number } }, now: number): string {
  const { zone, rotationName, shiftStart, more } = v.detail;
  const others = more > 0 ? ` and ${more} more shift${more === 1 ? '' : 's'}` : '';
  return `You are out of office ${oofRangeText(v.start, v.end, zone, now)}, which covers your **${rotationName}** shift from ${shiftDayText(shiftStart, zone, now)}${others}; mark it as time off?`;
}
