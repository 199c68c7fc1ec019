import type { Segment } from './schedule.js';

export type ICalendarOptions = {
  /** DTSTAMP of every event: when the calendar was produced (no clock is read here). */
  now: number;
  /** Calendar name (X-WR-CALNAME). */
  name?: string;
  /** Right-hand side of every UID; a domain you control keeps UIDs globally unique. */
  uidDomain?: string;
  /** Event title; default "<rotation>: <members>". */
  summary?: (segment: Segment) => string;
  /** Event description, if any. */
  description?: (segment: Segment) => string | undefined;
};

/**
 * An RFC 5545 calendar with one VEVENT per segment: CRLF line ends, lines folded at 75 octets,
 * TEXT values escaped, times in UTC. The UID comes from the rotation id and the segment start,
 * so a subscribed client sees the same event again on every refresh.
 */
export function toICalendar(segments: readonly Segment[], options: ICalendarOptions): string {
  const domain = options.uidDomain ?? 'rota.invalid';
  const summary = options.summary ?? ((s: Segment) => `${s.rotation}: ${s.members.join(', ')}`);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rota//Rotation schedule//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.name !== undefined) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  for (const s of segments) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.rotation}-${utcStamp(s.start)}@${domain}`,
      `DTSTAMP:${utcStamp(options.now)}`,
      `DTSTART:${utcStamp(s.start)}`,
      `DTEND:${utcStamp(s.end)}`,
      `SUMMARY:${escapeText(summary(s))}`,
    );
    const description = options.description?.(s);
    if (description !== undefined) lines.push(`DESCRIPTION:${escapeText(description)}`);
    lines.push(`CATEGORIES:${escapeText(s.rotation)}`, 'TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** 20260105T110000Z */
export function utcStamp(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, newlines become \n. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on lines starting with a space; never split a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
