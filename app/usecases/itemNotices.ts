import { messageOf } from '../../rotation/messageOf.js';
import type { Actor, ChatDeps, PersonRef } from './context.js';
import { PersonUnreachable, unreachableReason, NO_PERSONAL_CHAT } from './conversations.js';
import type { ItemView } from './itemViews.js';

/** A personal message: false when Rota has no way to reach the person (or throws PersonUnreachable with the reason). */
export type SendPersonal = (to: PersonRef, text: string) => Promise<boolean>;

/** What telling someone came to: told, or why not (the answer says so, and `rota status` can list it). */
export type Told = { told: true } | { told: false; reason: string };

const NO_CHAT = NO_PERSONAL_CHAT;
const name = (p: PersonRef) => p.displayName ?? p.email;

/**
 * `item assign`: the new holder is told in their personal chat. The outcome is recorded as a post of kind
 * `item-notice` (posted, or undelivered with the reason), as reminders are.
 */
export async function tellNewHolder(deps: ChatDeps, actor: Actor, item: ItemView, by: PersonRef, rotationName: string, send: SendPersonal): Promise<Told> {
  const to = item.holder;
  const key = `item-assigned:${item.n}:${to.email}:${actor.now}`;
  const detail = { n: item.n, to: to.email, by: by.email };
  if (!(await deps.stores.posts.claimPost({ key, kind: 'item-notice', rotationId: item.rotationId, detail }, 'chat-turn', actor.now))) return { told: true };
  const text = `${name(by)} passed **#${item.n}** (${rotationName}) to you: ${item.text}\n\nIt is yours until you close it ("item done ${item.n}") or pass it on ("item assign ${item.n} @person").`;
  const outcome = await send(to, text).then(
    (sent): Told => (sent ? { told: true } : { told: false, reason: NO_CHAT }),
    (err: unknown): Told => ({ told: false, reason: unreachableReason(err) }),
  );
  if (outcome.told) await deps.stores.posts.markPosted(key, { conversationId: 'personal' }, actor.now);
  else await deps.stores.posts.markUndelivered(key, outcome.reason, actor.now);
  return outcome;
}
