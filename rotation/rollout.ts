import { computeSchedule } from './computeSchedule.js';
import { MS_PER_DAY } from './localDate.js';
import type { RolloutMode } from './rotationFileSchema.js';
import type { RotationDef, RotationHistory, ScheduleInput } from './schedule.js';
import { nextHandoffAfter } from './shiftBoundaries.js';

/** How far `next-cycle` looks for the end of the round that contains now; past it, the change waits for the next handoff. */
export const ROUND_LIMIT_MS = 366 * MS_PER_DAY;

/**
 * When a new version of a rotation takes effect, by its roll-out mode (`effective` in the file):
 *
 * - `now`: at `now` itself. The rest of the running shift stays with whoever is on it and is still a member (and
 *   available); only someone removed (or now away) is replaced from the queue at once (the engine's rule for a
 *   version that starts inside a shift, computeSchedule.ts). The queue goes on under the new roster; nothing before
 *   `now` changes.
 * - `next-handoff`: the first handoff strictly after `now` (the shift in progress stays as it is).
 * - `next-cycle`: the end of the round of the version in force that contains `now`. Rounds are counted from that
 *   version's first shift; a round ends at the first handoff by which every member of the version has had a turn
 *   (been on duty) since the round began. Time off stretches a round: someone skipped keeps their place at the
 *   front of the queue and the round waits for their turn. Before the version's first shift, or when no round ends
 *   within ROUND_LIMIT_MS (someone away for a year), it is the next handoff.
 *
 * Versions recorded for after `now` (edits not yet in effect) are left out of both reckonings: the store supersedes
 * those that start after the instant found, and keeps those before it.
 *
 * With `onDuty: 1` and nobody away, each member has exactly one turn per round. With time off, someone has a second
 * turn in a round only in a shift for which everyone still waiting for theirs was away. With `onDuty > 1` nobody is
 * skipped either, but when the roster is not a multiple of `onDuty` the round's last shift fills up from the front
 * of the queue, so some members have a second turn in it.
 *
 * At the instant found a reorder of members makes the queue follow the new order (computeSchedule.ts, `nextQueue`).
 * A rotation the input does not hold (a new one) takes effect at `now`. Pure: `now` is passed in.
 */
export function rolloutFrom(input: ScheduleInput, rotationId: string, mode: RolloutMode, now: number): number {
  const recorded = input.rotations.find((h) => h.id === rotationId);
  if (!recorded || mode === 'now') return now;
  // Versions recorded for after `now` are edits not yet in effect: they must not cut the round (or move the handoff)
  // this edit is measured from. Those that start before the instant found stay (the store keeps them), so the
  // instant is moved onto their shift grid when they changed it: a version never starts inside one of their shifts.
  const history = { ...recorded, versions: recorded.versions.filter((v) => v.from <= now) };
  const handoff = nextHandoffAfter(history, now);
  const from = mode === 'next-handoff' ? handoff : (roundEndAfter({ ...input, rotations: input.rotations.map((h) => (h === recorded ? history : h)) }, history, now) ?? handoff);
  const pendingBefore = recorded.versions.some((v) => v.from > now && v.from < from);
  return pendingBefore ? nextHandoffAfter(recorded, from - 1) : from;
}

/**
 * The roll-out mode of an edit: the new definition's `effective` when it adds, removes or reorders members (compared
 * with the version in force), else `next-handoff`, as every other edit (a new handoff time, a new cadence). When
 * members and other rules change together, the whole new version follows the members' mode: one version, one start.
 */
export function rolloutMode(inForce: Pick<RotationDef, 'members'> | undefined, next: Pick<RotationDef, 'members' | 'effective'>): RolloutMode {
  const moved = inForce !== undefined && inForce.members.join('\u0000') !== next.members.join('\u0000');
  return moved ? (next.effective ?? 'next-handoff') : 'next-handoff';
}

function roundEndAfter(input: ScheduleInput, history: RotationHistory, now: number): number | undefined {
  const v = versionAt(history, now);
  const version = history.versions[v];
  if (!version) return undefined;
  const members = new Set(version.rotation.members);
  if (members.size === 0) return undefined;
  const limit = now + ROUND_LIMIT_MS;
  const shifts = (computeSchedule(input, limit).rotations.get(history.id)?.shifts ?? []).filter((s) => s.version === v && s.start < limit);
  if (!shifts[0] || shifts[0].start > now) return undefined;
  let turns = new Set<string>();
  for (const shift of shifts) {
    for (const m of shift.members) if (members.has(m)) turns.add(m);
    if (turns.size < members.size) continue;
    if (shift.end > now) return shift.end;
    turns = new Set();
  }
  return undefined;
}

/** The index of the version in force at `now` (the last that starts at or before it), or -1. */
function versionAt(history: RotationHistory, now: number): number {
  let found = -1;
  history.versions.forEach((version, i) => {
    if (version.from <= now) found = i;
  });
  return found;
}
