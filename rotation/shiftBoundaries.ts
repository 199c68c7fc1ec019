import { compileRotation } from './compiledRotation.js';
import { HandoffCursor } from './handoffCursor.js';
import type { RotationHistory } from './schedule.js';

export type ShiftSpan = { start: number; end: number; version: number };

/**
 * The shifts of a rotation history that start before `until`, in order.
 *
 * Version i governs [versions[i].from, versions[i+1].from). A shift of the older version that
 * is still running at the next version's `from` is cut there, and if `from` is not one of the
 * new version's handoffs the new version's first shift starts at `from` (a change of cadence
 * or handoff time). No version has shifts before its own first handoff (its `start`).
 */
export function* shiftBoundaries(history: RotationHistory, until: number): Generator<ShiftSpan> {
  const versions = history.versions;
  for (let v = 0; v < versions.length; v++) {
    const version = versions[v];
    if (!version) continue;
    const from = version.from;
    const to = versions[v + 1]?.from ?? Infinity;
    const rotation = compileRotation(version.rotation);
    const cursor = new HandoffCursor(rotation, from);
    let start: number;
    if (Number.isFinite(from) && cursor.current > from && firstHandoff(history, v) < from) {
      start = from;
    } else {
      start = cursor.current;
      cursor.advance();
    }
    while (start < to && start < until) {
      const end = Math.min(cursor.current, to);
      yield { start, end, version: v };
      start = cursor.current;
      cursor.advance();
    }
  }
}

function firstHandoff(history: RotationHistory, v: number): number {
  const version = history.versions[v];
  return version ? new HandoffCursor(compileRotation(version.rotation), -Infinity).current : Infinity;
}

/**
 * The first shift boundary strictly after `now`: where a roster change made now should take
 * effect so that no shift that has started is rewritten.
 */
export function nextHandoffAfter(history: RotationHistory, now: number): number {
  for (const span of shiftBoundaries(history, Infinity)) {
    if (span.start > now) return span.start;
    if (span.end > now) return span.end;
  }
  return Infinity;
}
