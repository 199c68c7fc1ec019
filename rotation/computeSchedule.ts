import { compileRotation } from './compiledRotation.js';
import { avoidedRotations, dependencyOrder } from './dependencyOrder.js';
import { parseElapsed } from './duration.js';
import { MS_PER_DAY } from './localDate.js';
import { DutyIndex } from './dutyIndex.js';
import { RotationQueue } from './rotationQueue.js';
import type { Override, RotationHistory, ScheduleInput, Segment, Shift, TimeOff } from './schedule.js';
import { shiftBoundaries } from './shiftBoundaries.js';
import { shiftSegments } from './shiftSegments.js';
import { needsTurnPolicy, TurnPolicy } from './turnPolicy.js';

/** Every rotation's shifts and segments that start before `until`, computed from its beginning. */
export type ComputedSchedule = {
  until: number;
  rotations: Map<string, { shifts: Shift[]; segments: Segment[] }>;
};

const cache = new WeakMap<ScheduleInput, ComputedSchedule>();

/**
 * Replays every rotation from its first shift up to `until`. The queue at any shift depends
 * on all shifts before it, so we never start mid-way: that is what makes results independent
 * of the query window. Rotations are replayed in dependency order for the rest rules.
 * Results are cached per input object and reused for any horizon up to the one computed.
 */
export function computeSchedule(input: ScheduleInput, until: number): ComputedSchedule {
  const cached = cache.get(input);
  if (cached && cached.until >= until) return cached;
  // Replay a little further than asked: "who is on duty now" with a clock that moves forward
  // then reuses one replay for a while. Results do not depend on the horizon.
  until = Number.isFinite(until) ? until + 35 * MS_PER_DAY : until;
  const overrides = groupBy(input.overrides, (o) => o.rotation);
  for (const list of overrides.values()) list.sort((a, b) => a.from - b.from);
  const timeOff = groupBy(input.timeOff, (t) => t.member);
  const rotations = new Map<string, { shifts: Shift[]; segments: Segment[] }>();
  const duty = new Map<string, DutyIndex>();
  const avoided = new Set(input.rotations.flatMap((h) => [...avoidedRotations(h)]));
  for (const history of dependencyOrder(input.rotations)) {
    const result = replayRotation(history, until, overrides.get(history.id) ?? [], timeOff, duty);
    rotations.set(history.id, result);
    if (avoided.has(history.id)) duty.set(history.id, new DutyIndex(result.segments));
  }
  const computed = { until, rotations };
  cache.set(input, computed);
  return computed;
}

function replayRotation(
  history: RotationHistory,
  until: number,
  overrides: Override[],
  timeOff: ReadonlyMap<string, TimeOff[]>,
  duty: ReadonlyMap<string, DutyIndex>,
): { shifts: Shift[]; segments: Segment[] } {
  const shifts: Shift[] = [];
  const segments: Segment[] = [];
  let queue: RotationQueue | undefined;
  let version = -1;
  let rules: Array<{ index: DutyIndex; within: number }> = [];
  // rotate-weekly and balance: hours carry state from the first shift on, like the queue itself.
  const policy = needsTurnPolicy(history.versions.map((v) => v.rotation)) ? new TurnPolicy() : undefined;
  // Unlike `available` below, this ignores `recordedAt`: time off never reshuffles a begun shift, but
  // being on duty while away is still a conflict someone must resolve.
  const isAway = (member: string, a: number, b: number): boolean =>
    (timeOff.get(member) ?? []).some((t) => t.from < b && t.to > a && (t.rotation === undefined || t.rotation === history.id));
  for (const span of shiftBoundaries(history, until)) {
    const def = history.versions[span.version]?.rotation;
    if (!def) continue;
    const compiled = compileRotation(def);
    if (span.version !== version) {
      const previous = history.versions[version]?.rotation;
      version = span.version;
      queue = nextQueue(queue, previous && compileRotation(previous).members, compiled.members, shifts.at(-1)?.members ?? []);
      rules = (def.avoid ?? []).flatMap((a) => {
        const index = duty.get(a.rotation);
        return index ? [{ index, within: parseElapsed(a.within) ?? 0 }] : [];
      });
      policy?.startVersion(queue);
    }
    if (!queue) continue;
    const { start, end } = span;
    const available = (member: string): boolean => {
      for (const t of timeOff.get(member) ?? []) {
        if (t.recordedAt !== undefined && t.recordedAt > start) continue; // entered after the shift began
        if (t.from < end && t.to > start && (t.rotation === undefined || t.rotation === history.id)) return false;
      }
      for (const rule of rules) if (rule.index.onDutyDuring(member, start - rule.within, start)) return false;
      return true;
    };
    const kept = span.resumes ? keptOnShift(shifts.at(-1), compiled.members, compiled.onDuty, available) : [];
    const { members, unavailable } = policy ? policy.take(queue, compiled, span, available, kept) : takeRest(queue, compiled.onDuty, available, kept);
    const shiftSegs = shiftSegments(history.id, compiled, { start, end, members, unavailable }, overrides, isAway);
    const shift: Shift = { rotation: history.id, start, end, members, unavailable, conflict: unavailable.length > 0, version: span.version, segments: shiftSegs };
    if (span.resumes) shift.resumes = sameMembers(members, shifts.at(-1)?.members ?? []) ? 'unchanged' : 'changed';
    shifts.push(shift);
    for (const s of shiftSegs) segments.push(s);
  }
  return { shifts, segments };
}

/**
 * The queue at a version change. A true reorder (the members who stay stand in another relative order) follows the new
 * roster's order from the member after the last of those on duty in the previous shift, so nobody who just had a turn
 * goes again at once; a plain add or remove keeps the running queue (`withRoster`).
 */
function nextQueue(queue: RotationQueue | undefined, previous: readonly string[] | undefined, roster: readonly string[], lastOnDuty: readonly string[]): RotationQueue {
  if (!queue || !previous) return RotationQueue.of(roster);
  return RotationQueue.isReorder(previous, roster) ? RotationQueue.reordered(roster, lastOnDuty) : queue.withRoster(roster);
}

/**
 * The rest of a running shift under a new version (`effective: now`) keeps whoever was on it, is still a member and
 * is available: they keep their duty without a new turn (they had theirs when the shift began). Only the places of
 * those removed or now away are filled from the queue at once.
 */
function keptOnShift(running: Shift | undefined, roster: readonly string[], onDuty: number, available: (member: string) => boolean): string[] {
  if (!running) return [];
  const members = new Set(roster);
  return running.members.filter((m) => members.has(m) && available(m)).slice(0, onDuty);
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

function takeRest(queue: RotationQueue, onDuty: number, available: (member: string) => boolean, kept: readonly string[]): { members: string[]; unavailable: string[] } {
  if (kept.length === 0) return queue.take(onDuty, available);
  if (kept.length >= onDuty) return { members: [...kept], unavailable: [] };
  const taken = queue.take(onDuty - kept.length, available, new Set(kept));
  return { members: [...kept, ...taken.members], unavailable: taken.unavailable };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
