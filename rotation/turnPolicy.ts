import type { CompiledRotation } from './compiledRotation.js';
import type { RotationQueue } from './rotationQueue.js';
import { dutyPieces } from './shiftSegments.js';

type Pick = { members: string[]; unavailable: string[] };

/**
 * The two fixes for a weekday pattern the plain queue cannot leave, applied during the replay:
 * `order: rotate-weekly` moves the queue on by one turn (`onDuty` members go to the back) at
 * each cycle boundary (dutyCycle.ts), and `balance: hours` gives each shift to the available
 * members with the fewest on-duty hours of the queue's own assignments (overrides do not count).
 * Time off and `avoid` skip members exactly as in the plain queue. State only moves forward
 * with the replay, so a shift's members never depend on the query window.
 */
export class TurnPolicy {
  /** Cycle of the previous shift of the current version, or undefined at a version's first shift. */
  private cycle: number | undefined;
  private readonly hours = new Map<string, number>();

  /**
   * A new version counts cycles in its own terms (its start date and cycle length), from its
   * first shift. A member who joins starts level with the least loaded member who stays, so
   * they take their turns from now on and do not make up for the months before they joined.
   */
  startVersion(queue: RotationQueue): void {
    this.cycle = undefined;
    let level = Infinity;
    for (const m of queue.members) level = Math.min(level, this.hours.get(m) ?? Infinity);
    for (const m of queue.members) if (!this.hours.has(m)) this.hours.set(m, Number.isFinite(level) ? level : 0);
  }

  /**
   * `kept`: members who stay on a resumed shift (the rest of a running one, shiftBoundaries.ts) without a new turn;
   * only the places left are taken from the queue. Everyone on the shift, kept or taken, is credited its hours.
   */
  take(
    queue: RotationQueue,
    r: CompiledRotation,
    span: { start: number; end: number },
    available: (member: string) => boolean,
    kept: readonly string[] = [],
  ): Pick {
    if (r.rotateWeekly) {
      const cycle = Math.floor((r.clock.localDay(span.start) - r.startDay) / r.cycleDays);
      if (this.cycle !== undefined && cycle > this.cycle) queue.rotate((cycle - this.cycle) * r.onDuty);
      this.cycle = cycle;
    }
    const count = r.onDuty - kept.length;
    const except = new Set(kept);
    const taken =
      count <= 0 ? { members: [], unavailable: [] } : r.balanceHours ? queue.takeFewest(count, available, (m) => this.hours.get(m) ?? 0, except) : queue.take(count, available, except);
    const pick = { members: [...kept, ...taken.members], unavailable: taken.unavailable };
    const ms = onDutyMs(r, span.start, span.end);
    for (const m of pick.members) this.hours.set(m, (this.hours.get(m) ?? 0) + ms);
    return pick;
  }
}

function onDutyMs(r: CompiledRotation, start: number, end: number): number {
  let ms = 0;
  for (const [a, b] of dutyPieces(r, start, end)) ms += b - a;
  return ms;
}

/** Whether any version of a rotation needs a TurnPolicy; plain rotations keep the bare queue. */
export function needsTurnPolicy(defs: ReadonlyArray<{ order?: string | undefined; balance?: string | undefined }>): boolean {
  return defs.some((d) => d.order === 'rotate-weekly' || d.balance === 'hours');
}
