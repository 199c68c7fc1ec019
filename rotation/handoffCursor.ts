import type { CompiledRotation } from './compiledRotation.js';
import { isoWeekday } from './localDate.js';

/**
 * Walks a rotation version's handoff instants in order.
 *
 * Handoffs are counted in local calendar days from the start date (never in elapsed hours),
 * so a weekly handoff stays at "Mon 12:00" local time across DST and the shift in between is
 * 167 or 169 hours long. Day-based rotations skip candidate dates whose weekday is not in
 * `days` or that are `holidays` (rotation/holidays.ts): the previous shift simply runs on to the next handoff.
 * Weekly rotations hand off on holidays as on any day.
 */
export class HandoffCursor {
  private k: number;
  /** The current handoff instant. */
  current = Infinity;

  /** Positions the cursor at the first handoff at or after `from`. */
  constructor(
    private readonly r: CompiledRotation,
    from: number,
  ) {
    const day = Number.isFinite(from) ? r.clock.localDay(from) : r.startDay;
    this.k = Math.max(0, Math.floor((day - r.startDay) / r.stepDays) - 1) - 1;
    this.advance();
    while (this.current < from) this.advance();
  }

  /** Moves to the next handoff. A rotation whose every candidate day is excluded has none (Infinity). */
  advance(): void {
    const r = this.r;
    // Weekdays repeat every 7 candidates, so `days` excludes at most 6 in a row; each holiday
    // can cost another week of them. Past that bound there is no next handoff at all.
    const holidays = r.skipHolidays ? r.holidays.bound : 0;
    for (let tries = 0; tries < 7 * (holidays + 1) + 1; tries++) {
      this.k += 1;
      const day = r.startDay + this.k * r.stepDays;
      if ((r.dayMask & (1 << isoWeekday(day))) === 0 || (r.skipHolidays && r.holidays.has(day))) continue;
      this.current = r.clock.at(day, r.handoffMinutes);
      return;
    }
    this.current = Infinity;
  }
}
