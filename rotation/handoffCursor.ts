import type { CompiledRotation } from './compiledRotation.js';
import { isoWeekday } from './localDate.js';

/**
 * Walks a rotation version's handoff instants in order.
 *
 * Handoffs are counted in local calendar days from the start date (never in elapsed hours),
 * so a weekly handoff stays at "Mon 12:00" local time across DST and the shift in between is
 * 167 or 169 hours long. Day-based rotations drop candidate dates whose weekday is not in `days`.
 * A candidate on one of the `holidays` (rotation/holidays.ts) moves to the next day that is neither
 * a holiday nor outside `days`, and the handoffs after it stay on their own dates: `every: 7d` from
 * Mon 23 Mar 2026 in Bavaria hands off on Tue 7 Apr (Easter Monday) and again on Mon 13 Apr. A moved
 * handoff that would reach the next handoff merges into it: the shift before runs on to that one
 * (for `every: 1d` always, Thu 2 Apr 09:00 to Sat 4 Apr over Good Friday).
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
      if (!this.inDays(day)) continue;
      const moved = r.skipHolidays ? this.movedFrom(day) : day;
      if (moved === undefined) continue;
      this.current = r.clock.at(moved, r.handoffMinutes);
      return;
    }
    this.current = Infinity;
  }

  private inDays(day: number): boolean {
    return (this.r.dayMask & (1 << isoWeekday(day))) !== 0;
  }

  /** The first day from `day` that is neither a holiday nor outside `days`, or undefined when that reaches the next handoff. */
  private movedFrom(day: number): number | undefined {
    const r = this.r;
    let next = day + r.stepDays;
    for (let i = 0; i < 7 && !this.inDays(next); i++) next += r.stepDays;
    for (let d = day; d < next; d++) if (this.inDays(d) && !r.holidays.has(d)) return d;
    return undefined;
  }
}
