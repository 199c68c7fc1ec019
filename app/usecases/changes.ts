import { DateTime } from 'luxon';
import type { SwapRecord } from '../../db/swaps/SwapStore.js';
import type { ChangeContext, NewOverride } from '../../db/types.js';
import { changedStretches, nextShifts, onDutyAt, segmentsBetween, type ChangedStretch, MS_PER_DAY as DAY } from '../../rotation/index.js';
import { newDoubleBookings, type DoubleBooked } from './doubleBooked.js';
import { echo } from './format.js';
import type { ScheduleInput, Shift } from '../../rotation/schedule.js';
import { nextLocalMidnight, parseChatRange, parseChatTime } from './dates.js';
import { zoneOf } from './question.js';
import { confirmation, ctxOf, findRotation, isAdmin, snapshot, splitRotation, type Actor, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { ADDRESS_EXPECTED, isAddress, normaliseAddress } from '../../rotation/address.js';

const SWAP_TTL_MS = DAY;

const zoneLabel = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toFormat('ccc d LLL HH:mm');

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
  await deps.stores.changes.addOverride(override, ctxOf(actor));
  deps.service.changed('cover', { actor: actor.email, rotation: rotation.id, member, replaces, from, to });
  return ok({ rotation, override, written: true, days, changed, unchanged, doubleBooked, inNoRotation });
}

function ownersIn(schedule: ScheduleInput, rotationId: string, from: number, to: number): string[] {
  const segs = segmentsBetween(schedule, from, to).filter((s) => s.rotation === rotationId);
  return [...new Set(segs.flatMap((s) => s.members))];
}

export interface SwapProposal {
  swap: SwapRecord;
  rotation: RotationInfo;
  mine: Shift;
  theirs: Shift;
  /** Double bookings the swap would create for either person. */
  doubleBooked: DoubleBooked[];
}

/** `swap <date|next> with @person [rotation]`: proposes to trade the asker's shift for the other person's next one. */
export async function proposeSwap(deps: ChatDeps, actor: Actor, counterpart: string, args: string): Promise<Outcome<SwapProposal>> {
  const snap = await snapshot(deps);
  const { rest, rotation: named } = splitRotation(snap, args.replace(/\bwith\b/i, ' '));
  if (counterpart === actor.email) return fail(`A swap needs someone else: swap next with @person`);
  const rotations = named ? [named] : snap.rotations.filter((r) => r.def.members.includes(actor.email) && r.def.members.includes(counterpart));
  if (rotations.length === 0) return fail(`You and ${counterpart} share no rotation; name one: swap next with @person ops`);
  if (rotations.length > 1) return fail(`You and ${counterpart} are both in ${rotations.map((r) => r.id).join(' and ')}; add the rotation's id at the end.`);
  const rotation = rotations[0]!;
  const when = rest.trim() || 'next';
  let mine: Shift | undefined;
  if (/^next( shift)?$/i.test(when)) {
    mine = nextShifts(snap.schedule, rotation.id, actor.now, { count: 1, member: actor.email })[0];
  } else {
    const t = parseChatTime(when, rotation.timezone, actor.now);
    if (!t.ok) return t;
    mine = nextShifts(snap.schedule, rotation.id, t.value.instant - 62 * DAY, { count: 40, member: actor.email, horizon: 400 * DAY }).find((s) => s.end > t.value.instant);
    if (mine && mine.start > t.value.instant + (t.value.dateOnly ? DAY : 0)) mine = undefined;
    if (!mine) return fail(`You have no ${rotation.name} shift on ${echo(when)}.`);
  }
  if (!mine) return fail(`You have no coming ${rotation.name} shift.`);
  if (mine.start <= actor.now) return fail(`Your ${rotation.name} shift from ${zoneLabel(mine.start, rotation.timezone)} has already started; ask someone to cover the rest instead.`);
  const theirs = nextShifts(snap.schedule, rotation.id, actor.now, { count: 3, member: counterpart }).find((s) => s.start > actor.now && s.start !== mine!.start);
  if (!theirs) return fail(`${counterpart} has no coming ${rotation.name} shift to swap with.`);
  const after: ScheduleInput = {
    ...snap.schedule,
    overrides: [
      ...snap.schedule.overrides,
      { rotation: rotation.id, from: mine.start, to: mine.end, member: counterpart, replaces: actor.email },
      { rotation: rotation.id, from: theirs.start, to: theirs.end, member: actor.email, replaces: counterpart },
    ],
  };
  const span = [Math.min(mine.start, theirs.start), Math.max(mine.end, theirs.end)] as const;
  const doubleBooked = newDoubleBookings(snap.schedule, after, span[0], span[1], snap.rotations, new Set([actor.email, counterpart]));
  const expiresAt = Math.min(actor.now + SWAP_TTL_MS, mine.start, theirs.start);
  const swap = await deps.stores.swaps.createSwap(
    { rotationId: rotation.id, proposer: actor.email, counterpart, proposerShiftStart: mine.start, counterpartShiftStart: theirs.start, expiresAt },
    ctxOf(actor),
  );
  deps.service.recorded('swap proposed', { actor: actor.email, rotation: rotation.id, swap: swap.id, counterpart, mine: mine.start, theirs: theirs.start });
  return ok({ swap, rotation, mine, theirs, doubleBooked });
}

/** The two shifts a swap names, as the schedule has them (a shift no longer there ends where it starts). */
export interface SwapStretches {
  mine: { start: number; end: number };
  theirs: { start: number; end: number };
}

export type SwapDecision = { swap: SwapRecord; rotation: RotationInfo; stretches: SwapStretches } & (
  | { outcome: 'accepted' | 'declined' | 'expired'; overrides: NewOverride[] }
  | { outcome: 'already' }
);

/** The other person's Accept or Decline; on accept both shifts change in one transaction (two overrides). */
export async function decideSwap(deps: ChatDeps, actor: Actor, swapId: string, accept: boolean): Promise<Outcome<SwapDecision>> {
  const swap = await deps.stores.swaps.swap(swapId);
  if (!swap) return fail(`I know no swap ${swapId}.`);
  const snap = await snapshot(deps);
  const rotation = snap.rotations.find((r) => r.id === swap.rotationId);
  if (!rotation) return fail(`The rotation ${swap.rotationId} no longer exists.`);
  if (actor.email !== swap.counterpart) return fail(`Only ${swap.counterpart} can answer this swap.`);
  const shiftAt = (start: number) => nextShifts(snap.schedule, rotation.id, start, { count: 1 })[0];
  const mine = shiftAt(swap.proposerShiftStart);
  const theirs = swap.counterpartShiftStart !== undefined ? shiftAt(swap.counterpartShiftStart) : undefined;
  const stretch = (start: number | undefined, shift: { start: number; end: number } | undefined) =>
    start === undefined ? { start: 0, end: 0 } : { start, end: shift?.start === start ? shift.end : start };
  const stretches = { mine: stretch(swap.proposerShiftStart, mine), theirs: stretch(swap.counterpartShiftStart, theirs) };
  if (swap.state !== 'proposed') return ok({ outcome: 'already', swap, rotation, stretches });
  const ctx = ctxOf(actor);
  if (actor.now >= swap.expiresAt) {
    await deps.stores.swaps.decideSwap(swap.id, 'expired', [], ctx);
    deps.service.recorded('swap expired', { actor: actor.email, rotation: rotation.id, swap: swap.id });
    return ok({ outcome: 'expired', swap: { ...swap, state: 'expired' }, rotation, stretches, overrides: [] });
  }
  if (!accept) {
    const done = await deps.stores.swaps.decideSwap(swap.id, 'declined', [], ctx);
    if (done) deps.service.recorded('swap declined', { actor: actor.email, rotation: rotation.id, swap: swap.id });
    const now = (await deps.stores.swaps.swap(swap.id))!;
    return ok(done ? { outcome: 'declined', swap: now, rotation, stretches, overrides: [] } : { outcome: 'already', swap: now, rotation, stretches });
  }
  if (!mine || !theirs || mine.start !== swap.proposerShiftStart || theirs.start !== swap.counterpartShiftStart) {
    return fail(`These shifts changed since the proposal; ask ${swap.proposer} to propose again.`);
  }
  const overrides: NewOverride[] = [
    { rotationId: rotation.id, start: mine.start, end: mine.end, member: swap.counterpart, replaces: swap.proposer },
    { rotationId: rotation.id, start: theirs.start, end: theirs.end, member: swap.proposer, replaces: swap.counterpart },
  ];
  const done = await deps.stores.swaps.decideSwap(swap.id, 'accepted', overrides, ctx);
  const now = (await deps.stores.swaps.swap(swap.id))!;
  if (!done) return ok({ outcome: 'already', swap: now, rotation, stretches });
  deps.service.changed('swap accepted', { actor: actor.email, rotation: rotation.id, swap: swap.id, proposer: swap.proposer, counterpart: swap.counterpart });
  return ok({ outcome: 'accepted', swap: now, rotation, stretches, overrides });
}

/** The shifts `email` is on duty in now (in `rotationId` only, when given): what a handover is written for. */
export async function dutyNowOf(
  deps: ChatDeps,
  email: string,
  now: number,
  rotationId?: string,
): Promise<Outcome<Array<{ rotation: RotationInfo; shiftStart: number; end: number }>>> {
  const snap = await snapshot(deps);
  const duty = onDutyAt(snap.schedule, now)
    .filter((s) => s.members.includes(email) && (!rotationId || s.rotation === rotationId))
    .map((s) => ({ rotation: snap.rotations.find((r) => r.id === s.rotation)!, shiftStart: s.shiftStart, end: s.end }));
  if (duty.length === 0) return fail(`You are not on duty${rotationId ? ` in ${rotationId}` : ''} right now, so there is no shift to hand over.`);
  return ok(duty);
}

/** `subscribe [rotation]`: the rotation whose handoff posts a channel asks for; only its admins may choose. */
export async function subscriptionTarget(deps: ChatDeps, email: string, args: string): Promise<Outcome<RotationInfo>> {
  const snap = await snapshot(deps);
  const found = args.trim()
    ? findRotation(snap, args)
    : snap.rotations.length === 1
      ? ok(snap.rotations[0]!)
      : fail(`Which rotation? subscribe ${snap.rotations.map((r) => r.id).join(' | ')}`);
  if (!found.ok) return found;
  const rotation = found.value;
  if (!isAdmin(rotation, email)) return fail(`Only ${rotation.name}'s admins (${rotation.admins.join(', ') || 'none are listed'}) can choose where its handoffs go.`);
  return ok(rotation);
}

/** From now on `rotation`'s handoffs are posted to `channel` instead of the file's `channel`. */
export async function subscribeChannel(deps: ChatDeps, actor: Actor, rotation: RotationInfo, channel: { team: string; id: string }): Promise<void> {
  await deps.stores.subscriptions.subscribe(rotation.id, channel, ctxOf(actor));
  deps.service.changed('subscribe', { actor: actor.email, rotation: rotation.id, channel: channel.id });
}
