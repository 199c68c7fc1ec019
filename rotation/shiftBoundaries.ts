import { compileRotation } from './compiledRotation.js';
import { HandoffCursor } from './handoffCursor.js';
import type { RotationHistory } from './schedule.js';

/**
 * `resumes`: the span is the rest of a shift of the previous version that was running at this version's `from` (a
 * version that starts between two handoffs of the one before, `effective: now`): the same shift, under the new roster.
 */
export type ShiftSpan = { start: number; end: number; version: number; resumes?: true };

/**
 * The shifts of a rotation history that start before `until`, in order.
 *
 * Version i governs [versions[i].from, versions[i+1].from). A shift of the older version that
 * is still running at the next version's `from` is cut there, and if `from` is not one of the
 * new version's handoffs the new version's first shift starts at `from` (a change of cadence
 * or handoff time). No version has shifts before its own first handoff (its `start`). When that
 * first shift begins inside a shift of the older version (not at one of its handoffs) it is
 * marked `resumes`.
 */
export function* shiftBoundaries(history: RotationHistory, until: number): Generator<ShiftSpan> {
  const versions = history.versions;
  let cut = false;
  for (let v = 0; v < versions.length; v++) {
    const version = versions[v];
    if (!version) continue;
    const from = version.from;
    const to = versions[v + 1]?.from ?? Infinity;
    const rotation = compileRotation(version.rotation);
    const cursor = new HandoffCursor(rotation, from);
    let start: number;
    let resumes = false;
    if (Number.isFinite(from) && cursor.current > from && firstHandoff(history, v) < from) {
      start = from;
      resumes = cut;
    } else {
      start = cursor.current;
      cursor.advance();
    }
    cut = false;
    while (start < to && start < until) {
      const end = Math.min(cursor.current, to);
      cut = cursor.current > to;
      yield resumes ? { start, end, version: v, resumes: true } : { start, end, version: v };
      resumes = false;
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
