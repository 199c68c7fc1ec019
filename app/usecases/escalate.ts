import { fail, ok, type Outcome } from '../../rotation/result.js';
import { currentTagOf } from '../../rotation/rotationFileSchema.js';
import { channelConversation, type ConversationRecord } from './conversations.js';
import { channelsOf, ctxOf, personRefs, snapshot, type Actor, type ChatDeps, type PersonRef, type RotationInfo, type Snapshot } from './context.js';
import { escalationKey } from './escalationPosts.js';
import { mentionableTag } from './handoffPosts.js';
import { itemRotation, newHolder, onDutyFrom, onDutyNow } from './itemRotation.js';
import { onDutyFor } from './onDuty.js';
import { MAX_ITEM_TEXT } from './items.js';
import { itemViews, type ItemView } from './itemViews.js';
import { emit } from './events.js';
import { escalationRaised } from './webhookEvents.js';
import type { Escalation } from './escalationView.js';
import { escalationCopies, type EscalationShadowSender } from './shadowEscalations.js';

export type { Escalation } from './escalationView.js';

/** The rotation's escalation rotation, or the answer that says how to name one. */
function escalationOf(snap: Snapshot, rotation: RotationInfo): Outcome<RotationInfo> {
  const esc = rotation.def.escalation ? snap.rotations.find((r) => r.id === rotation.def.escalation) : undefined;
  if (esc) return ok(esc);
  const example = snap.rotations.find((r) => r.id !== rotation.id)?.id ?? 'dev';
  return fail(`${rotation.id} has no escalation rotation: add \`escalation: ${example}\` to the rotation file.`);
}

/**
 * `escalate [rotation] <what>`: an open item of kind escalation held by the person on duty who escalated (newHolder),
 * naming the escalation rotation's person on duty now, or next (onDutyFor) when it has nobody now; the post to the rotation's channel is claimed here and its outcome
 * recorded by `escalationPosted` / `escalationNotPosted` (every post ends with a recorded outcome; a claim left by a
 * crash is closed by `closeStaleEscalations`). The item and the claim stay two writes: a crash between them leaves an
 * escalation with no post record, which `item <n>` shows as not posted.
 */
export async function escalate(deps: ChatDeps, actor: Actor, args: string): Promise<Outcome<Escalation>> {
  const snap = await snapshot(deps);
  const chosen = itemRotation(snap, actor.email, actor.now, args, 'escalate');
  if (!chosen.ok) return chosen;
  const { rotation, rest: text } = chosen.value;
  if (!text) return fail(`What should I escalate? Write it after the command: "escalate ${rotation.id} Checkout answers 500 since 09:40".`);
  if ([...text].length > MAX_ITEM_TEXT) return fail(`text: at most ${MAX_ITEM_TEXT} characters, this escalation has ${[...text].length}. Shorten it (a link is fine).`);
  const esc = escalationOf(snap, rotation);
  if (!esc.ok) return esc;
  // The night on call at 10:00 has nobody on duty: the escalation names the people of its next stretch.
  const to = onDutyFor(snap, esc.value.id, actor.now);
  const toFrom = onDutyNow(snap, esc.value.id, actor.now).length || !to[0] ? undefined : onDutyFrom(snap, esc.value.id, to[0], actor.now);
  const { holder, onDutyFrom: holderFrom } = newHolder(snap, rotation, actor.email, actor.now);
  const stored = await deps.stores.items.openItem({ rotationId: rotation.id, kind: 'escalation', text, holder, escalatedTo: to }, ctxOf(actor));
  const [item] = await itemViews(deps, [stored]);
  const refs = await personRefs(deps.stores, [actor.email, ...to]);
  const key = escalationKey(stored.n);
  const subscribed = (await channelsOf(deps, [rotation])).get(rotation.id);
  const conversation = subscribed ? await channelConversation(deps, subscribed) : undefined;
  const escTag = currentTagOf(esc.value.def);
  const tagId = subscribed && escTag ? await mentionableTag(deps, rotation.id, escTag, subscribed, esc.value.id) : undefined;
  await deps.stores.posts.claimPost({ key, kind: 'escalation', rotationId: rotation.id, detail: { n: stored.n, to, ...(toFrom !== undefined ? { toFrom } : {}) } }, actor.email, actor.now);
  await emit(deps, escalationRaised(key, rotation.id, text, to, actor));
  const base = {
    key, item: item!, rotation, escalation: { id: esc.value.id, name: esc.value.name, timezone: esc.value.timezone }, from: refs.get(actor.email)!, to: to.map((e) => refs.get(e)!),
    ...(toFrom !== undefined ? { toFrom } : {}), ...(holderFrom !== undefined ? { holderFrom } : {}),
  };
  const tag = tagId && escTag ? { tag: { id: tagId, name: escTag.name } } : {};
  if (subscribed && conversation) return ok({ ...base, ...tag, channel: { conversation, channelId: subscribed.id } });
  const notPosted = subscribed
    ? `Rota is not installed in the team of ${rotation.name}'s channel`
    : `${rotation.name} has no channel (add \`channel:\` to the rotation file, or say "subscribe ${rotation.id}" in one)`;
  await deps.stores.posts.markUndelivered(key, notPosted, actor.now);
  return ok({ ...base, notPosted });
}

/**
 * The escalation was posted: where, for the record; then a copy for each shadow of both rotations, drawn by the bot
 * (`send`). A stop between the two is mended by the minute tick (mendEscalationCopies).
 */
export async function escalationPosted(
  deps: ChatDeps,
  e: Escalation,
  where: { conversationId: string; activityId?: string },
  now: number,
  shadows?: { send: EscalationShadowSender; log: { warn(o: object, m: string): void } },
): Promise<void> {
  await deps.stores.posts.markPosted(e.key, where, now);
  if (shadows) await escalationCopies(deps, shadows.send, e, { holder: e.from.email, now, log: shadows.log });
}

/** The escalation could not be posted (Teams refused it): the item stands, and the reason is recorded. */
export async function escalationNotPosted(deps: ChatDeps, key: string, reason: string, now: number): Promise<void> {
  await deps.stores.posts.markUndelivered(key, reason, now);
}
