import { DateTime } from 'luxon';

/** ISO 8601 with the zone's offset, to the second: 2026-03-02T12:00:00+01:00. */
export function isoInZone(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

/**
 * "Mon 7 Dec 2026 12:00 CET": a command-line table time with its year and its zone, so a row read alone, or
 * pasted elsewhere, still says when. Where no abbreviation is common the offset stands in ("GMT-5").
 */
export function zonedShort(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy HH:mm ZZZZ');
}

/** A plain text table with a header row, columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Mon 2 Mar 12:00 GMT+1" in the rotation's zone; with `now`, the year is added whenever it is not the current
 * one there ("Sun 20 Dec 2036 00:00 GMT+1"), so a range that runs into another year never reads as this one.
 * One cached Intl formatter per zone: `who` formats a dozen instants per answer, and building a formatter each
 * time (as luxon's toFormat does) was most of its cost.
 */
export function when(at: number, zone: string, now?: number): string {
  const p = parts(at, zone);
  return `${p.weekday} ${p.day} ${p.month}${yearUnlessCurrent(p, zone, now)} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** A day as "Sun 20 Dec" (the year added as `when` does): for ranges of whole days. */
export function day(at: number, zone: string, now?: number): string {
  const p = parts(at, zone);
  return `${p.weekday} ${p.day} ${p.month}${yearUnlessCurrent(p, zone, now)}`;
}

/** " 2036" when `now` is given and its local year differs, else nothing. */
function yearUnlessCurrent(p: Record<string, string>, zone: string, now: number | undefined): string {
  return now !== undefined && parts(now, zone).year !== p.year ? ` ${p.year}` : '';
}

function parts(at: number, zone: string): Record<string, string> {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', year: 'numeric', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formats.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return p;
}

/** The luxon rendering `when` must match (the test compares them over a year of instants). */
export function whenWithLuxon(at: number, zone: string, now?: number): string {
  const t = DateTime.fromMillis(at, { zone });
  const withYear = now !== undefined && DateTime.fromMillis(now, { zone }).year !== t.year;
  return t.toFormat(withYear ? 'ccc d LLL yyyy HH:mm ZZZZ' : 'ccc d LLL HH:mm ZZZZ');
}

/** How much of a person's own text an answer quotes back. */
const ECHO_MAX = 60;

/**
 * A person's text quoted back inside an answer: markdown and HTML characters escaped (so "**x**" or "[a](b)"
 * cannot restyle Rota's answer or turn into a link), on one line, at most ECHO_MAX characters.
 */
export function echo(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const cut = one.length > ECHO_MAX ? `${one.slice(0, ECHO_MAX - 1)}…` : one;
  return cut.replace(/[\\`*_~[\]()<>#|{}]/g, (c) => `\\${c}`);
}
