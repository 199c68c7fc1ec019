import { onDutyAt } from '../../rotation/index.js';
import { findRotation, ctxOf, isAdmin, snapshot, type Actor, type ChatDeps, type RotationInfo } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';

// The chat's changes: covers (covers.ts) and swaps (swaps.ts), re-exported for their callers; handovers and subscriptions here.
export { cover, coverRange, type CoverResult } from './covers.js';
export { decideSwap, proposeSwap, type SwapDecision, type SwapProposal, type SwapStretches } from './swaps.js';

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
