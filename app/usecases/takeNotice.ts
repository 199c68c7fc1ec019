import { messageOf } from '../../rotation/messageOf.js';
import type { Actor, ChatDeps, PersonRef } from './context.js';
import { PersonUnreachable } from './conversations.js';
import type { TakeResult } from './take.js';

/** The notice to the relieved person is a post like any other: claimed once per take, its outcome recorded. */
export const takeNoticeKey = (r: TakeResult): string => `take:${r.id}`;

/** The bot sends the notice (bot/takeCommand.ts builds its text); undefined when Rota has no chat with them (or throws PersonUnreachable). */
export type SendTakeNotice = (to: PersonRef) => Promise<{ conversationId: string; activityId?: string } | undefined>;

const NO_CHAT = 'Rota has no personal chat with them yet';

/**
 * Tells the relieved person of a take: claims the notice (once per take, so a repeated turn sends nothing more),
 * sends it, and records where it went or why it could not go. True when sent (or sent already), else the reason,
 * which the taker is shown so they can tell them themselves.
 */
export async function tellRelieved(deps: ChatDeps, r: TakeResult, relieved: PersonRef, actor: Actor, send: SendTakeNotice, clock: () => number): Promise<true | string> {
  const detail = { to: r.relieved, by: actor.email, from: r.override.start, until: r.override.end };
  const claimed = await deps.stores.posts.claimPost({ key: takeNoticeKey(r), kind: 'take-notice', rotationId: r.rotation.id, detail }, actor.email, actor.now);
  if (!claimed) return true;
  const where = await send(relieved).catch((err: unknown) => (err instanceof PersonUnreachable ? err.reason : messageOf(err)));
  if (typeof where === 'object' && where) {
    await deps.stores.posts.markPosted(takeNoticeKey(r), where, clock());
    return true;
  }
  const reason = typeof where === 'string' ? where : NO_CHAT;
  await deps.stores.posts.markUndelivered(takeNoticeKey(r), reason, clock());
  return reason;
}
