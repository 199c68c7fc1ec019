import { parseLocalDate, MS_PER_DAY, MS_PER_MINUTE } from './localDate.js';
import type { ZoneClock } from './zoneClock.js';

/**
 * A time as the rotation file writes it:
 * - "2026-03-09"                      a whole local date,
 * - "2026-03-02T12:00" (":ss" allowed) a local wall-clock time in the rotation's zone,
 * - "2026-03-02T12:00Z" / "+01:00"     an exact instant.
 */
export type FileTime =
  | { kind: 'date'; day: number }
  | { kind: 'local'; local: number }
  | { kind: 'instant'; instant: number };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

export function parseFileTime(text: string): FileTime | undefined {
  const date = parseLocalDate(text);
  if (date !== undefined) return { kind: 'date', day: date };
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const day = parseLocalDate(m[1] ?? '');
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? '0')];
  if (day === undefined || h > 23 || min > 59 || s > 59) return undefined;
  const local = day * MS_PER_DAY + (h * 60 + min) * MS_PER_MINUTE + s * 1000;
  const zone = m[5];
  if (zone === undefined) return { kind: 'local', local };
  if (zone === 'Z') return { kind: 'instant', instant: local };
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return { kind: 'instant', instant: local - offset * MS_PER_MINUTE };
}

/**
 * Resolves a file time to an instant in `clock`'s zone. A date alone means the start of that
 * local day, or with `endOfRange` the start of the next one: date-only ranges include their
 * `to` day, while date-time ranges end exactly at `to`.
 */
export function resolveFileTime(time: FileTime, clock: ZoneClock, endOfRange = false): number {
  switch (time.kind) {
    case 'instant':
      return time.instant;
    case 'local':
      return clock.toInstant(time.local);
    case 'date':
      return clock.at(endOfRange ? time.day + 1 : time.day, 0);
  }
}

/** A [from, to) interval from two file times. */
export function resolveFileRange(from: FileTime, to: FileTime, clock: ZoneClock): { from: number; to: number } {
  return { from: resolveFileTime(from, clock), to: resolveFileTime(to, clock, true) };
}
