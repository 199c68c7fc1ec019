import { DateTime } from 'luxon';

/** ISO 8601 with the zone's offset, to the second: 2026-03-02T12:00:00+01:00. */
export function isoInZone(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

/** Short local form for tables and chat: Mon 2 Mar 12:00. */
export function shortInZone(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('ccc d LLL yyyy HH:mm');
}

/** A plain text table with a header row, columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Mon 2 Mar 12:00 GMT+1" in the rotation's zone. One cached Intl formatter per zone: `who` formats a dozen
 * instants per answer, and building a formatter each time (as luxon's toFormat does) was most of its cost.
 */
export function when(at: number, zone: string): string {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formats.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** The luxon rendering `when` must match (the test compares them over a year of instants). */
export function whenWithLuxon(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('ccc d LLL HH:mm ZZZZ');
}
