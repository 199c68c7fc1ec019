import { computeSchedule } from './computeSchedule.js';
import type { ScheduleInput, Segment } from './schedule.js';

/** One rotation's segments in flat arrays, for lookups by binary search. */
export class RotationIndex {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;

  constructor(readonly segments: readonly Segment[]) {
    this.starts = new Float64Array(segments.length);
    this.ends = new Float64Array(segments.length);
    segments.forEach((s, i) => {
      this.starts[i] = s.start;
      this.ends[i] = s.end;
    });
  }

  /** The segment containing `instant`, or undefined (outside `hours`, before the start, outside the window). */
  at(instant: number): Segment | undefined {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= instant) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i >= 0 && this.ends[i]! > instant ? this.segments[i] : undefined;
  }
}

export type MaterialisedSchedule = {
  from: number;
  to: number;
  /** All segments overlapping [from, to), sorted by rotation then start. */
  segments: Segment[];
  /** One segment per rotation on duty at `instant` (or only `rotationId`'s). */
  at(instant: number, rotationId?: string): Segment[];
  rotation(id: string): RotationIndex | undefined;
};

/** Computes [from, to) once and answers "who is on duty at t" without replaying. */
export function materialise(schedule: ScheduleInput, from: number, to: number): MaterialisedSchedule {
  const computed = computeSchedule(schedule, to);
  const indexes = new Map<string, RotationIndex>();
  const segments: Segment[] = [];
  for (const id of [...computed.rotations.keys()].sort()) {
    const all = computed.rotations.get(id)?.segments ?? [];
    const inWindow = all.filter((s) => s.end > from && s.start < to);
    indexes.set(id, new RotationIndex(inWindow));
    segments.push(...inWindow);
  }
  const list = [...indexes.values()];
  return {
    from,
    to,
    segments,
    at(instant, rotationId) {
      if (rotationId !== undefined) {
        const s = indexes.get(rotationId)?.at(instant);
        return s ? [s] : [];
      }
      const out: Segment[] = [];
      for (const index of list) {
        const s = index.at(instant);
        if (s) out.push(s);
      }
      return out;
    },
    rotation: (id) => indexes.get(id),
  };
}
