import { DateTime } from 'luxon';
import type { SwapRecord } from '../../db/swaps/SwapStore.js';
import type { NewOverride } from '../../db/types.js';
import { nextShifts, MS_PER_DAY as DAY } from '../../rotation/index.js';
import { newDoubleBookings, type DoubleBooked } from './doubleBooked.js';
import { echo } from './format.js';
import type { ScheduleInput, Shift } from '../../rotation/schedule.js';
import { parseChatTime } from './dates.js';
import { ctxOf, snapshot, splitRotation, type Actor, type ChatDeps, type RotationInfo } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { emit } from './events.js';
import { swapAccepted } from './webhookEvents.js';

const SWAP_TTL_MS = DAY;

const zoneLabel = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toFormat('ccc d LLL HH:mm');

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
  await emit(deps, swapAccepted(swap, actor));
  return ok({ outcome: 'accepted', swap: now, rotation, stretches, overrides });
}
