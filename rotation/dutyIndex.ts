import type { Segment } from './schedule.js';

/**
 * Per member, the sorted intervals they were on duty in one rotation; answers
 * "was this member on duty anywhere in [from, to)?" in O(log n) for rest rules.
 */
export class DutyIndex {
  private readonly byMember = new Map<string, { starts: number[]; ends: number[] }>();

  constructor(segments: readonly Segment[]) {
    for (const s of segments) {
      for (const m of s.members) {
        let entry = this.byMember.get(m);
        if (!entry) this.byMember.set(m, (entry = { starts: [], ends: [] }));
        entry.starts.push(s.start);
        entry.ends.push(s.end);
      }
    }
  }

  onDutyDuring(member: string, from: number, to: number): boolean {
    const entry = this.byMember.get(member);
    if (!entry) return false;
    // Segments of one rotation do not overlap, so ends are sorted too.
    const { starts, ends } = entry;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ends[mid] ?? 0) <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && (starts[lo] ?? Infinity) < to;
  }
}
