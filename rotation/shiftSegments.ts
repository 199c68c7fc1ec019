import type { CompiledRotation } from './compiledRotation.js';
import type { Override, Segment } from './schedule.js';

/**
 * Cuts one shift into segments: first to its `hours` window (time outside it has no segment),
 * then at every override boundary. Overrides apply in the order given, so a later one wins
 * where they overlap. Adjacent pieces that end up identical are joined again, but never
 * across the shift's own bounds: the caller passes one shift at a time.
 *
 * A segment is a conflict when someone on duty in it is unavailable: the queue had nobody else
 * (`unavailable`), or `isAway` says they are on time off during it. The second catches what the
 * queue cannot move: an override or swap taken before the time off was recorded, and a shift
 * that had already begun when it was.
 */
export function shiftSegments(
  rotation: string,
  compiled: CompiledRotation,
  shift: { start: number; end: number; members: string[]; unavailable: string[] },
  overrides: readonly Override[],
  isAway: (member: string, from: number, to: number) => boolean = () => false,
): Segment[] {
  const out: Segment[] = [];
  const pieces = compiled.hours ? dutyPieces(compiled, shift.start, shift.end) : [[shift.start, shift.end] as [number, number]];
  for (const [a, b] of pieces) {
    if (!overrides.some((o) => o.from < b && o.to > a)) {
      out.push(segment(rotation, a, b, shift.members, 'rotation', shift, isAway));
      continue;
    }
    const relevant = overrides.filter((o) => o.from < b && o.to > a);
    const cuts = new Set<number>([a, b]);
    for (const o of relevant) {
      if (o.from > a) cuts.add(o.from);
      if (o.to < b) cuts.add(o.to);
    }
    const points = [...cuts].sort((x, y) => x - y);
    let last: Segment | undefined;
    for (let i = 0; i + 1 < points.length; i++) {
      const x = points[i] ?? a;
      const y = points[i + 1] ?? b;
      let members = shift.members;
      let source: Segment['source'] = 'rotation';
      for (const o of relevant) {
        if (o.from > x || o.to < y) continue;
        const next = applyOverride(members, o);
        if (next !== members) {
          members = next;
          source = 'override';
        }
      }
      if (last && last.source === source && sameMembers(last.members, members)) {
        last.end = y;
      } else {
        last = segment(rotation, x, y, members, source, shift, isAway);
        out.push(last);
      }
    }
  }
  return out;
}

function segment(
  rotation: string,
  start: number,
  end: number,
  members: string[],
  source: Segment['source'],
  shift: { start: number; unavailable: string[] },
  isAway: (member: string, from: number, to: number) => boolean,
): Segment {
  const conflict = members.some((m) => shift.unavailable.includes(m) || isAway(m, start, end));
  return { rotation, start, end, members, source, conflict, shiftStart: shift.start };
}

/** Returns `members` itself when the override does not touch them. */
function applyOverride(members: string[], o: Override): string[] {
  if (o.replaces === undefined) return members.length === 1 && members[0] === o.member ? members : [o.member];
  const i = members.indexOf(o.replaces);
  if (i < 0 || o.replaces === o.member) return members;
  // Someone already on duty taking another's slot holds one slot, not two.
  if (members.includes(o.member)) return members.filter((m) => m !== o.replaces);
  const next = members.slice();
  next[i] = o.member;
  return next;
}

/** The same people in the same order (segments list members in the queue's order). */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/**
 * The parts of [start, end) inside the rotation's daily `hours` window, or the whole shift.
 * Window edges are local wall-clock times, resolved per day with the same DST rule as
 * handoffs; a window whose end is not after its start crosses midnight into the next day.
 */
export function dutyPieces(r: CompiledRotation, start: number, end: number): Array<[number, number]> {
  const hours = r.hours;
  if (!hours) return [[start, end]];
  const pieces: Array<[number, number]> = [];
  const lastDay = r.clock.localDay(end);
  for (let day = r.clock.localDay(start) - 1; day <= lastDay; day++) {
    const from = r.clock.at(day, hours.start);
    const to = hours.end > hours.start ? r.clock.at(day, hours.end) : r.clock.at(day + 1, hours.end);
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a >= b) continue;
    // A window edge pushed forward by a spring-forward gap can pass the next day's start
    // (Chatham, "03:45-02:46"): on duty inside either window, so the pieces are joined.
    const last = pieces.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else pieces.push([a, b]);
  }
  return pieces;
}
