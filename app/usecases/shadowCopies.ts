import { messageOf } from '../../rotation/messageOf.js';
import { personRefs, type ChatDeps, type PersonRef } from './context.js';
import { PersonUnreachable, unreachableReason, NO_PERSONAL_CHAT } from './conversations.js';

/**
 * Shadows (`shadows:` on a rotation) get a copy of its handoff, duty and escalation cards in their personal chat:
 * marked as shadowing, with no buttons (the person on duty acts on the original). Each copy is a post of its own in
 * bot_posts (kind `shadow`, key `<original key>:shadow:<address>`), claimed before it is sent, so every shadow gets
 * it once across restarts, retries and replicas, and its outcome is recorded: posted, or undelivered with the reason.
 * A claim left by a Rota that stopped mid-send is closed by the minute tick (`closeStaleShadowCopies`); an undelivered
 * copy is sent again (shadowRetry.ts).
 */
/** Which card is copied, and from which rotation (for the record). */
export type ShadowCopy = { kind: 'handoff' | 'duty' | 'escalation'; rotation: string };

/** The bot sends the copy (bot/shadowCards.ts); undefined when Rota cannot reach them (or throws PersonUnreachable). */
export type SendShadowCopy = (to: PersonRef) => Promise<{ conversationId: string; activityId?: string } | undefined>;

export const SHADOW_KIND = 'shadow';
export const shadowKey = (originalKey: string, email: string): string => `${originalKey}:shadow:${email}`;
const NO_CHAT = NO_PERSONAL_CHAT;
export const STALE_SHADOW = 'Rota stopped between claiming the shadow copy and sending it';

type Log = { warn(o: object, m: string): void };

/** The shadows of these rotations (the escalating rotation's and the escalation rotation's), each once, in file order. */
export async function shadowsOf(deps: ChatDeps, rotationIds: string[]): Promise<string[]> {
  // The stored state alone (no team owners or team ids): this runs for every duty card and escalation.
  const { state } = await deps.service.snapshot();
  return [...new Set(rotationIds.flatMap((id) => state.rotations.find((r) => r.id === id)?.versions.at(-1)?.definition.shadows ?? []))];
}

/**
 * Sends `copy` of the post `originalKey` to each of `shadows` who has no claim on it yet. Returns the addresses it
 * reached. A failure to reach one shadow never stops the others, nor the original post.
 */
export async function sendShadowCopies(
  deps: ChatDeps,
  send: SendShadowCopy | undefined,
  shadows: readonly string[],
  originalKey: string,
  copy: ShadowCopy,
  o: { holder: string; now: number; log: Log },
): Promise<string[]> {
  if (!send || shadows.length === 0) return [];
  const refs = await personRefs(deps.stores, [...shadows]);
  const reached: string[] = [];
  for (const email of shadows) {
    const key = shadowKey(originalKey, email);
    // The minute tick mends a handoff whose copies a stopped Rota never sent: a read first, so it writes nothing when all went.
    if (await deps.stores.posts.post(key)) continue;
    const claimed = await deps.stores.posts.claimPost({ key, kind: SHADOW_KIND, rotationId: copy.rotation, detail: { of: originalKey, to: email, kind: copy.kind } }, o.holder, o.now);
    if (claimed && (await deliverShadowCopy(deps, send, key, refs.get(email) ?? { email }, o))) reached.push(email);
  }
  return reached;
}

/**
 * Sends one claimed copy and records the outcome: posted, or undelivered with the reason (tried again every
 * RETRY_UNDELIVERED_MS while the original is recent, and when the shadow writes to Rota: shadowRetry.ts). True when sent.
 */
export async function deliverShadowCopy(deps: ChatDeps, send: SendShadowCopy, key: string, to: PersonRef, o: { now: number; log: Log }): Promise<boolean> {
  const where = await send(to).catch((err: unknown) => unreachableReason(err));
  if (typeof where === 'object' && where) {
    await deps.stores.posts.markPosted(key, where, o.now);
    return true;
  }
  const reason = typeof where === 'string' ? where : NO_CHAT;
  await deps.stores.posts.markUndelivered(key, reason, o.now);
  o.log.warn({ post: key, shadow: to.email, reason }, 'shadow copy not delivered');
  return false;
}

/** Shadow copies still `claimed` at or before `claimedBefore`: their holder stopped mid-send; recorded as undelivered. */
export async function closeStaleShadowCopies(deps: ChatDeps, claimedBefore: number, now: number): Promise<string[]> {
  const stale = await deps.stores.posts.postsIn(SHADOW_KIND, 'claimed', { atOrBefore: claimedBefore });
  for (const post of stale) await deps.stores.posts.markUndelivered(post.key, STALE_SHADOW, now);
  return stale.map((p) => p.key);
}
