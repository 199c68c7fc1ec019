import { DateTime } from 'luxon';
import type { NewTimeOff } from '../../db/changes/ChangeStore.js';
import type { ChangeContext, StoredOverride } from '../../db/types.js';
import { changedAnywhere, segmentsBetween, MS_PER_DAY as DAY } from '../../rotation/index.js';
import type { ScheduleInput, Segment } from '../../rotation/schedule.js';
import { parseChatRange, type ChatTime } from './dates.js';
import { homeZone } from './question.js';
import { confirmation, ctxOf, snapshot, type Actor, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { newDoubleBookings, type DoubleBooked } from './doubleBooked.js';
import { isoInZone } from './format.js';


export interface MovedStretch {
  rotation: RotationInfo;
  start: number;
  end: number;
  from: string[];
  to: string[];
}

/**
 * A stretch the person stays on duty in although away: the queue cannot move an override or a swap (they always
 * win), nor a shift that had begun when the time off was recorded, nor one where nobody else was available.
 */
export interface StillOnDuty {
  rotation: RotationInfo;
  start: number;
  end: number;
  why: 'swap' | 'cover' | 'file' | 'started' | 'nobody-else';
  /** The swap's other person, or whom the cover was for. */
  with?: string;
}

/** The range asked for, resolved: what a confirmation card carries back unchanged. */
export interface TimeOffRange {
  from: number;
  to: number;
  fromDateOnly: boolean;
  toDateOnly: boolean;
}

export type TimeOffAnswer =
  | { recorded: true; zone: string; from: number; to: number; wholeDays: boolean; moved: MovedStretch[]; stillOnDuty: StillOnDuty[]; doubleBooked: DoubleBooked[] }
  | { recorded: false; zone: string; range: TimeOffRange; days: number };


/** `time off <from> to <to>` (or a single day): parses the range, then records it as `recordTimeOff` does. */
export async function timeOff(deps: ChatDeps, actor: Actor, args: string): Promise<Outcome<TimeOffAnswer>> {
  const snap = await snapshot(deps);
  const zone = homeZone(snap, actor.email);
  const range = parseChatRange(args, zone, actor.now);
  if (!range.ok) return range;
  return recordTimeOff(deps, actor, rangeOf(range.value.from, range.value.to), false, snap);
}

/** Stores time off in place of `changes.addTimeOff`; a string is why nothing was written. */
export type TimeOffWriter = (t: NewTimeOff, ctx: ChangeContext) => Promise<string | undefined>;

const rangeOf = (from: ChatTime, to: ChatTime): TimeOffRange => ({ from: from.instant, to: to.instant, fromDateOnly: from.dateOnly, toDateOnly: to.dateOnly });

/**
 * Records time off and answers with the stretches it moved and to whom, and those the person stays on duty in.
 * A range longer than CONFIRM_AFTER_DAYS (chatContext) is not recorded until `confirmed`. `write` stores it instead of
 * `changes.addTimeOff` (an out-of-office Yes: with its answer, in one transaction); a string it returns is why
 * nothing was written.
 */
export async function recordTimeOff(deps: ChatDeps, actor: Actor, range: TimeOffRange, confirmed: boolean, read?: Snapshot, write?: TimeOffWriter): Promise<Outcome<TimeOffAnswer>> {
  const snap = read ?? (await snapshot(deps));
  const zone = homeZone(snap, actor.email);
  const { from, to } = range;
  if (to <= actor.now) return fail(`That time is over; time off must end after now.`);
  if (to <= from) return fail(`The end must come after the start.`);
  const { days, ask } = confirmation(from, to, confirmed);
  if (ask) return ok({ recorded: false, zone, range, days });
  const after: ScheduleInput = { ...snap.schedule, timeOff: [...snap.schedule.timeOff, { member: actor.email, from, to, recordedAt: actor.now }] };
  const horizon = Math.max(to, actor.now) + 28 * DAY;
  // From now: a stretch that began before the time off but runs into it is listed whole, not cut at its start.
  const moved = movedBy(snap, snap.schedule, after, actor.now, horizon);
  const stillOnDuty = onDutyWhileAway(snap, after, actor, from, to);
  const takers = new Set(moved.flatMap((m) => m.to));
  const doubleBooked = newDoubleBookings(snap.schedule, after, Math.max(from, actor.now), horizon, snap.rotations, takers);
  const spec = {
    from: range.fromDateOnly ? DateTime.fromMillis(from, { zone }).toISODate() : isoInZone(from, zone),
    // A date-only end is exclusive (the next midnight); the file names the last day off.
    to: range.toDateOnly ? DateTime.fromMillis(to - 1, { zone }).toISODate() : isoInZone(to, zone),
    timezone: zone,
  };
  const t = { member: actor.email, start: from, end: to, spec };
  if (write) {
    const refused = await write(t, ctxOf(actor));
    if (refused !== undefined) return fail(refused);
  } else await deps.stores.changes.addTimeOff(t, ctxOf(actor));
  deps.service.changed('time off', { actor: actor.email, from, to, moved: moved.length, stillOnDuty: stillOnDuty.length });
  return ok({ recorded: true, zone, from, to, wholeDays: range.fromDateOnly && range.toDateOnly, moved, stillOnDuty, doubleBooked });
}

/** What the time off hands over, per rotation: the core's changedStretches over every rotation, with names. */
function movedBy(snap: Snapshot, before: ScheduleInput, after: ScheduleInput, from: number, to: number): MovedStretch[] {
  const byId = new Map(snap.rotations.map((r) => [r.id, r]));
  return changedAnywhere(before, after, from, to)
    .filter((c) => byId.has(c.rotation))
    .map((c) => ({ rotation: byId.get(c.rotation)!, start: c.start, end: c.end, from: c.before, to: c.after }))
    .sort((a, b) => a.start - b.start || a.rotation.id.localeCompare(b.rotation.id));
}

/** The person's stretches during the time off that nothing moved: each is a conflict someone must resolve. */
function onDutyWhileAway(snap: Snapshot, after: ScheduleInput, actor: Actor, from: number, to: number): StillOnDuty[] {
  const mine = segmentsBetween(after, Math.max(from, actor.now), to).filter((s) => s.members.includes(actor.email) && s.end > actor.now);
  return mine.map((s) => {
    const rotation = snap.rotations.find((r) => r.id === s.rotation)!;
    const o = overrideBehind(snap.state.overrides, s, actor.email);
    if (o) {
      const why = o.origin === 'swap' ? 'swap' : o.origin === 'file' ? 'file' : 'cover';
      return { rotation, start: s.start, end: s.end, why, ...(o.replaces ? { with: o.replaces } : {}) };
    }
    return { rotation, start: s.start, end: s.end, why: s.shiftStart <= actor.now ? 'started' : 'nobody-else' };
  });
}

function overrideBehind(overrides: StoredOverride[], s: Segment, email: string): StoredOverride | undefined {
  if (s.source !== 'override') return undefined;
  return overrides.filter((o) => o.rotationId === s.rotation && o.member === email && o.start < s.end && o.end > s.start).at(-1);
}
