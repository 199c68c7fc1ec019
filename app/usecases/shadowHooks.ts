import type { DutyRun } from '../../db/duties/DutyStore.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { ChatDeps, RotationInfo } from './context.js';
import type { DutyCardView, DutyPoster } from './dutyCards.js';
import type { Escalation } from './escalationView.js';
import { HandoffData, type HandoffPoster } from './handoffPosts.js';
import { sendShadowCopies, shadowsOf, type SendShadowCopy } from './shadowCopies.js';

// The one-line hooks of the handoff job, the duty delivery and the escalation: which card each shadow gets a copy of.

export type ShadowHookOptions = { holder: string; now: number; log: { warn(o: object, m: string): void } };
type Options = ShadowHookOptions;

/**
 * A copy never holds up or undoes the original (a handoff whose post threw would be posted again): a store that fails
 * here is logged, and the minute tick sends the handoff's missing copies later.
 */
async function guarded(o: Options, what: string, run: () => Promise<unknown>): Promise<void> {
  await run().catch((err: unknown) => o.log.warn({ post: what, err: messageOf(err) }, 'shadow copies not sent'));
}

/** A posted handoff's copy for the rotation's shadows; `detail` is the post's record (what was sent). */
export async function handoffShadows(deps: ChatDeps, poster: HandoffPoster, rotation: RotationInfo, detail: unknown, o: Options): Promise<void> {
  const shadows = rotation.def.shadows ?? [];
  const h = HandoffData.safeParse(detail);
  if (!shadows.length || !h.success || !poster.sendShadowCopy) return;
  const send = poster.sendShadowCopy.bind(poster);
  await guarded(o, h.data.key, () => sendShadowCopies(deps, (to) => send(to, h.data), shadows, h.data.key, { kind: 'handoff', rotation: rotation.id }, o));
}

/** A duty card's copy for its rotation's shadows (whether it went to a person or the channel). */
export async function dutyShadows(deps: ChatDeps, poster: DutyPoster, run: DutyRun, view: DutyCardView, o: Options): Promise<void> {
  if (!poster.sendShadowCopy) return;
  const send = poster.sendShadowCopy.bind(poster);
  await guarded(o, run.key, async () => sendShadowCopies(deps, (to) => send(view, to), await shadowsOf(deps, [run.rotationId]), run.key, { kind: 'duty', rotation: run.rotationId }, o));
}

/** A posted escalation's copy for the shadows of the rotation it came from and of the escalation rotation. */
export async function escalationShadows(deps: ChatDeps, send: SendShadowCopy, e: Escalation, o: Options): Promise<void> {
  await guarded(o, e.key, async () => sendShadowCopies(deps, send, await shadowsOf(deps, [e.rotation.id, e.escalation.id]), e.key, { kind: 'escalation', rotation: e.rotation.id }, o));
}
