import { z } from 'zod';
import type { BotPost } from '../../db/posts/PostStore.js';
import { personRefs, snapshot, type ChatDeps, type PersonRef } from './context.js';
import type { Escalation } from './escalationView.js';
import { itemViews } from './itemViews.js';
import { escalationShadows, type ShadowHookOptions } from './shadowHooks.js';

/** The bot sends an escalation's copy to one shadow (bot/shadowCards.ts: the escalation card, marked as shadowing). */
export type EscalationShadowSender = (e: Escalation, to: PersonRef) => Promise<{ conversationId: string; activityId?: string } | undefined>;

/** What an escalation post records when it is claimed (escalate.ts): enough to draw its card again. */
const EscalationPostDetail = z.object({ n: z.number().int(), to: z.array(z.string()), toFrom: z.number().optional() });

/**
 * The escalation a post was for, as its card showed it, from the item and the rotations as they are now: undefined
 * when the item or the rotation is gone, or the rotation no longer names an escalation rotation.
 */
export async function escalationOfPost(deps: ChatDeps, post: Pick<BotPost, 'key' | 'detail'>): Promise<Escalation | undefined> {
  const detail = EscalationPostDetail.safeParse(post.detail);
  if (!detail.success) return undefined;
  const stored = await deps.stores.items.item(detail.data.n);
  if (!stored || stored.kind !== 'escalation') return undefined;
  const snap = await snapshot(deps);
  const rotation = snap.rotations.find((r) => r.id === stored.rotationId);
  const esc = rotation?.def.escalation ? snap.rotations.find((r) => r.id === rotation.def.escalation) : undefined;
  if (!rotation || !esc) return undefined;
  const [item] = await itemViews(deps, [stored]);
  const refs = await personRefs(deps.stores, detail.data.to);
  return {
    key: post.key, item: item!, rotation, escalation: { id: esc.id, name: esc.name, timezone: esc.timezone }, from: item!.openedBy,
    to: detail.data.to.map((e) => refs.get(e) ?? { email: e }), ...(detail.data.toFrom !== undefined ? { toFrom: detail.data.toFrom } : {}),
  };
}

/** A posted escalation's copies for its shadows, through the bot's sender. */
export async function escalationCopies(deps: ChatDeps, send: EscalationShadowSender, e: Escalation, o: ShadowHookOptions): Promise<void> {
  await escalationShadows(deps, (to) => send(e, to), e, o);
}

/**
 * The minute tick's repair: escalations posted since `after` whose copies a stopped Rota never sent get them now
 * (sendShadowCopies skips every shadow with a record, so this writes nothing when all went).
 */
export async function mendEscalationCopies(deps: ChatDeps, send: EscalationShadowSender, after: number, o: ShadowHookOptions): Promise<void> {
  for (const post of await deps.stores.posts.postsIn('escalation', 'posted', { after })) {
    const e = await escalationOfPost(deps, post);
    if (e) await escalationCopies(deps, send, e, o);
  }
}
