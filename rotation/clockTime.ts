import { weekdayNumber } from './weekday.js';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" → 570 minutes after local midnight. */
export function parseClockTime(text: string): number | undefined {
  const m = TIME.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A handoff: "Mon 12:00" (weekly, with an ISO weekday) or "09:00" (day-based). */
export type Handoff = { weekday?: number; minutes: number };

export function parseHandoff(text: string): Handoff | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 1) {
    const minutes = parseClockTime(parts[0] ?? '');
    return minutes === undefined ? undefined : { minutes };
  }
  if (parts.length !== 2) return undefined;
  const weekday = weekdayNumber(parts[0] ?? '');
  const minutes = parseClockTime(parts[1] ?? '');
  return weekday === undefined || minutes === undefined ? undefined : { weekday, minutes };
}

/** A daily local window "20:00-08:00"; end <= start means it crosses midnight. */
export type HoursWindow = { start: number; end: number };

export function parseHoursWindow(text: string): HoursWindow | undefined {
  const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const start = parseClockTime(m[1] ?? '');
  const end = parseClockTime(m[2] ?? '');
  if (start === undefined || end === undefined || start === end) return undefined;
  return { start, end };
}
