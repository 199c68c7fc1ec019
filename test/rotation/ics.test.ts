import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar } from '../../rotation/ics.js';
import type { Segment } from '../../rotation/schedule.js';
import { utc } from './helpers.js';

const segment = (over: Partial<Segment> = {}): Segment => ({
  rotation: 'ops',
  start: utc('2026-01-05T11:00'),
  end: utc('2026-01-12T11:00'),
  members: ['alice@contoso.com'],
  source: 'rotation',
  conflict: false,
  shiftStart: utc('2026-01-05T11:00'),
  ...over,
});

describe('toICalendar', () => {
  const now = utc('2026-01-01T08:30');
  const text = toICalendar([segment(), segment({ start: utc('2026-01-12T11:00'), end: utc('2026-01-19T11:00') })], { now, name: 'Ops; on call, Berlin' });
  const unfolded = text.replace(/\r\n /g, '');
  const lines = unfolded.split('\r\n');

  it('uses CRLF line ends only and ends with one', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has one VEVENT per segment with UTC times, DTSTAMP from now and UIDs from rotation and start', () => {
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('DTSTART:20260105T110000Z');
    expect(lines).toContain('DTEND:20260112T110000Z');
    expect(lines.filter((l) => l === 'DTSTAMP:20260101T083000Z')).toHaveLength(2);
    expect(lines).toContain('UID:ops-20260105T110000Z@rota.invalid');
    expect(lines).toContain('X-WR-CALNAME:Ops\\; on call\\, Berlin');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
  });

  it('is stable: the same segments give the same text', () => {
    expect(toICalendar([segment()], { now })).toBe(toICalendar([segment()], { now }));
  });
});

describe('foldLine', () => {
  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    const line = `SUMMARY:${'Nächtliche Rufbereitschaft – 夜间值班 '.repeat(6)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('leaves short lines alone', () => {
    expect(foldLine('UID:x')).toBe('UID:x');
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newline', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});
