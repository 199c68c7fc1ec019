import { DateTime } from 'luxon';

/**
 * "Mon 7 Dec 2026 12:00 CET": a command-line table time with its year and its zone, so a row read alone, or
 * pasted elsewhere, still says when. Where no abbreviation is common the offset stands in ("GMT-5").
 */
export function zonedShort(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy HH:mm ZZZZ');
}
