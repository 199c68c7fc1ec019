import type { NewOverride } from '../../db/types.js';
import { changedStretches, segmentsBetween, type ChangedStretch } from '../../rotation/index.js';
import { newDoubleBookings, type DoubleBooked } from './doubleBooked.js';
import { echo } from './format.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { nextLocalMidnight, parseChatRange } from './dates.js';
import { zoneOf } from './question.js';
import { confirmation, ctxOf, isAdmin, snapshot, splitRotation, type Actor, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { ADDRESS_EXPECTED, isAddress, normaliseAddress } from '../../rotation/address.js';
import { emit } from './events.js';
import { overrideMade } from './webhookEvents.js';

export interface CoverResult {
  rotation: RotationInfo;
  override: NewOverride;
  /** False while a cover longer than CONFIRM_AFTER_DAYS waits for its confirmation card: nothing was written. */
  written: boolean;
  days: number;
  /** The stretches that changed hands, from whom to whom, clipped to the range asked for. */
  changed: ChangedStretch[];
  /** Stretches in the range the cover left with someone else (another person was on duty there). */
  unchanged: ChangedStretch[];
  /** Double bookings the cover creates (the covering person on duty elsewhere at the same time). */
  doubleBooked: DoubleBooked[];
  /** The covering person is in no rotation's roster: allowed (anyone may cover), but worth a warning in case of a typo. */
  inNoRotation: boolean;
}

/**
 * `cover @person <from> <to> [rotation]`: an override. Allowed for the people on duty in that stretch (the shift's
 * owners) and for the rotation's admins; the covered person is the asker when they are on duty then, else the one
 * owner on duty then (else everyone). The answer says exactly which stretches changed hands; a cover that would
 * change nothing is refused and not written.
 */
export async function cover(deps: ChatDeps, actor: Actor, member: string, args: string): Promise<Outcome<CoverResult>> {
  const snap = await snapshot(deps);
  const { rest, rotation: named } = splitRotation(snap, args);
  const zone = zoneOf(snap, named);
  const range = parseChatRange(rest, zone, actor.now);
  if (!range.ok) return range;
  // "cover @bob today to friday": a day that has begun is covered from now on.
  const today = range.value.from.dateOnly && range.value.from.instant <= actor.now && actor.now < nextLocalMidnight(range.value.from.instant, zone);
  const from = today ? actor.now : range.value.from.instant;
  if (from < actor.now && range.value.to.instant > actor.now) return fail(`'${echo(range.value.from.text)}' is in the past; an override starts now or later.`);
  return coverRange(deps, actor, { member, rotationId: named?.id, from, to: range.value.to.instant, asked: rest }, false, snap);
}

/** A cover of exact instants: what `cover` does once the range is read, and what its confirmation card sends back. */
export async function coverRange(
  deps: ChatDeps,
  actor: Actor,
  ask: { member: string; rotationId: string | undefined; from: number; to: number; asked?: string },
  confirmed: boolean,
  read?: Snapshot,
): Promise<Outcome<CoverResult>> {
  const snap = read ?? (await snapshot(deps));
  const { from, to } = ask;
  if (!isAddress(ask.member)) return fail(`The person who covers must be @mentioned or named by address: "${ask.member}" is not one (${ADDRESS_EXPECTED}).`);
  const member = normaliseAddress(ask.member);
  if (to <= actor.now) return fail(`That stretch is over; history does not move. Pick a time after now.`);
  if (from < actor.now) return fail(`That stretch has begun; an override starts now or later.`);
  const named = ask.rotationId ? snap.rotations.find((r) => r.id === ask.rotationId) : undefined;
  if (ask.rotationId && !named) return fail(`The rotation ${ask.rotationId} no longer exists.`);
  const candidates = named ? [named] : snap.rotations.filter((r) => ownersIn(snap.schedule, r.id, from, to).includes(actor.email));
  if (candidates.length === 0) {
    const adminOf = snap.rotations.filter((r) => isAdmin(r, actor.email));
    if (adminOf.length === 1) candidates.push(adminOf[0]!);
    else return fail(`You are not on duty then in any rotation. Name the rotation: cover @person ${echo(ask.asked ?? '<from> to <to>')} ops`);
  }
  if (candidates.length > 1) return fail(`You are on duty then in ${candidates.map((r) => r.id).join(' and ')}; add the rotation's id at the end.`);
  const rotation = candidates[0]!;
  const owners = ownersIn(snap.schedule, rotation.id, from, to);
  if (!owners.includes(actor.email) && !isAdmin(rotation, actor.email)) {
    return fail(`Only the people on duty then (${owners.join(', ') || 'nobody'}) or ${rotation.name}'s admins can change that stretch.`);
  }
  const replaces = owners.includes(actor.email) ? actor.email : owners.length === 1 ? owners[0] : undefined;
  if (replaces === member) return fail(`${member} is already the one on duty then.`);
  const override: NewOverride = { rotationId: rotation.id, start: from, end: to, member, ...(replaces ? { replaces } : {}) };
  const after: ScheduleInput = { ...snap.schedule, overrides: [...snap.schedule.overrides, { rotation: rotation.id, from, to, member, ...(replaces ? { replaces } : {}) }] };
  const { changed, unchanged } = changedStretches(snap.schedule, after, rotation.id, from, to);
  if (changed.length === 0) {
    const why = owners.length === 0 ? `nobody is on duty in ${rotation.name} then` : `${member} is already on duty there`;
    return fail(`Nothing would change: ${why}. Nothing was written.`);
  }
  const doubleBooked = newDoubleBookings(snap.schedule, after, from, to, snap.rotations);
  // Covers by anyone, as in PagerDuty and Grafana OnCall: someone in no roster is accepted, with a warning.
  const inNoRotation = !snap.rotations.some((r) => r.def.members.some((m) => m.toLowerCase() === member));
  const { days, ask: waits } = confirmation(from, to, confirmed);
  if (waits) return ok({ rotation, override, written: false, days, changed, unchanged, doubleBooked, inNoRotation });
  const id = await deps.stores.changes.addOverride(override, ctxOf(actor));
  deps.service.changed('cover', { actor: actor.email, rotation: rotation.id, member, replaces, from, to });
  await emit(deps, overrideMade(override, changed, id, actor));
  return ok({ rotation, override, written: true, days, changed, unchanged, doubleBooked, inNoRotation });
}

function ownersIn(schedule: ScheduleInput, rotationId: string, from: number, to: number): string[] {
  const segs = segmentsBetween(schedule, from, to).filter((s) => s.rotation === rotationId);
  return [...new Set(segs.flatMap((s) => s.members))];
}
