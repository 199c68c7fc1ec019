import { DateTime } from 'luxon';
import { nextLocalMidnight, parseChatTime } from '../usecases/dates.js';
import { CliError } from './cliError.js';

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A command-line time, read as the chat reads one: "tomorrow", "next monday", "2026-12-24 09:00" are wall-clock
 * times in `zone`, relative to `now`; a date alone means local midnight there. ISO 8601 with Z or an offset
 * (2026-03-09T12:00+01:00) is exact; the chat's reader would drop the offset, so ISO text is read here first.
 * Anything else is refused, naming the option.
 */
export function parseInstantArg(option: string, text: string, zone: string, now: number): number {
  return readInstant(option, text, zone, now).instant;
}

/**
 * The end of a range, read one way everywhere (chat, rotation file, CLI): a date alone, "tomorrow" included,
 * covers that whole day, so the end is the next local midnight; a time of day is the exclusive end itself.
 */
export function parseEndArg(option: string, text: string, zone: string, now: number): number {
  const { instant, dateOnly } = readInstant(option, text, zone, now);
  return dateOnly ? nextLocalMidnight(instant, zone) : instant;
}

function readInstant(option: string, text: string, zone: string, now: number): { instant: number; dateOnly: boolean } {
  const t = text.trim();
  if (ISO.test(t)) {
    const dt = DateTime.fromISO(t, HAS_OFFSET.test(t) ? { setZone: true } : { zone });
    if (dt.isValid) return { instant: dt.toMillis(), dateOnly: ISO_DATE.test(t) };
  } else {
    const read = parseChatTime(t, zone, now);
    if (read.ok) return { instant: read.value.instant, dateOnly: read.value.dateOnly };
  }
  throw new CliError(
    `${option}: expected a date such as 2026-12-07, a date-time such as "2026-12-07 12:00" or 2026-12-07T12:00+01:00, or words such as tomorrow or "next monday" (got "${text}")`,
    2,
  );
}

/** Local midnight of `now`'s day in `zone`: where `schedule` and `stats` begin by default. */
export function startOfToday(zone: string, now: number): number {
  return DateTime.fromMillis(now, { zone }).startOf('day').toMillis();
}

/** `weeks` later on the local calendar (the same wall-clock time, across DST). */
export function weeksLater(instant: number, zone: string, weeks: number): number {
  return DateTime.fromMillis(instant, { zone }).plus({ weeks }).toMillis();
}
