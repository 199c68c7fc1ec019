import { IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE } from './localDate.js';

/**
 * Wall-clock arithmetic for one IANA zone, without a DateTime per call.
 *
 * Asking Intl for an offset costs microseconds, and a year of 1,000 rotations asks hundreds of
 * thousands of times. Offsets change at most a few times a year, so we cache the offset at each
 * UTC midnight: when a day starts and ends on the same offset, every instant in it has that
 * offset; only the handful of transition days fall through to the zone itself.
 */
export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly dayStartOffset = new Map<number, number>();

  private constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
  }

  private static readonly clocks = new Map<string, ZoneClock>();

  static of(name: string): ZoneClock {
    let clock = ZoneClock.clocks.get(name);
    if (!clock) {
      if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone "${name}"`);
      clock = new ZoneClock(name);
      ZoneClock.clocks.set(name, clock);
    }
    return clock;
  }

  /** Offset from UTC in minutes at an instant. */
  offsetAt(instant: number): number {
    const day = Math.floor(instant / MS_PER_DAY);
    const start = this.offsetAtDayStart(day);
    if (start === this.offsetAtDayStart(day + 1)) return start;
    return this.zone.offset(instant);
  }

  private offsetAtDayStart(day: number): number {
    let offset = this.dayStartOffset.get(day);
    if (offset === undefined) {
      offset = this.zone.offset(day * MS_PER_DAY);
      this.dayStartOffset.set(day, offset);
    }
    return offset;
  }

  /** Local wall-clock milliseconds (as if the zone were UTC) for an instant. */
  toLocal(instant: number): number {
    return instant + this.offsetAt(instant) * MS_PER_MINUTE;
  }

  /**
   * The instant of a local wall-clock time, by the rule of RFC 5545 §3.3.5:
   * - a time inside a spring-forward gap is moved forward by the length of the gap
   *   (02:30 in Berlin on the last Sunday of March is 03:30 CEST);
   * - a time that occurs twice at fall back is the first occurrence (the summer-time one).
   *
   * We try the offsets in force a day before and a day after: at most one transition lies between.
   */
  toInstant(local: number): number {
    const before = this.offsetAt(local - MS_PER_DAY);
    const after = this.offsetAt(local + MS_PER_DAY);
    const early = local - before * MS_PER_MINUTE;
    if (before === after) return early;
    const late = local - after * MS_PER_MINUTE;
    const earlyValid = this.offsetAt(early) === before;
    const lateValid = this.offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late); // overlap: first occurrence
    if (earlyValid) return early;
    if (lateValid) return late;
    // Gap: read the wall time with the offset before the jump, which lands it after the gap.
    return early;
  }

  /** Instant of local date `day` (epoch day) at `minutes` after local midnight. */
  at(day: number, minutes: number): number {
    return this.toInstant(day * MS_PER_DAY + minutes * MS_PER_MINUTE);
  }

  /** Local epoch day containing an instant. */
  localDay(instant: number): number {
    return Math.floor(this.toLocal(instant) / MS_PER_DAY);
  }
}
