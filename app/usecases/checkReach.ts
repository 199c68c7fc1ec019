import type { BotPost } from '../../db/posts/PostStore.js';
import { MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { CheckDetail, Delivered } from './checkPosts.js';
import type { ChatDeps, PersonRef } from './context.js';
import { unreachableReason } from './conversations.js';

/*
 * Whom a check reached: its first send, and the copies tried since for those it missed, each its own post
 * (`<check key>:to:<email>`, app/usecases/checkRetries.ts).
 */

export const CHECK_COPY = 'check-copy';
export const copyKey = (checkKey: string, email: string) => `${checkKey}:to:${email}`;
/** A check that did not reach someone is tried again for them this often (the sync may have installed Rota since). */
export const RETRY_CHECK_MS = 15 * MINUTE;
export const NO_CHAT = 'Rota has no personal chat with them yet, and no Teams or Entra id to open one with';

/** One send: where the card went, or why it did not. */
export async function sendOne(send: () => Promise<Delivered | undefined>): Promise<Delivered | string> {
  try {
    return (await send()) ?? NO_CHAT;
  } catch (err) {
    return unreachableReason(err);
  }
}

export interface CheckReach {
  /** Where each card went (first send and the copies since), by e-mail. */
  cards: CheckDetail['cards'];
  /** Those on duty who got the card. */
  reached: PersonRef[];
  /** Those on duty it has not reached, and why (the latest try). */
  unreached: Array<{ person: PersonRef; reason: string }>;
}

/** Who a check reached and who not, counting the copies sent since. A check not delivered at all reached nobody. */
export async function checkReach(deps: ChatDeps, post: BotPost, d: CheckDetail): Promise<CheckReach> {
  const whole = post.state === 'undelivered' ? String(post.detail.reason ?? 'not delivered') : undefined;
  const cards = { ...d.cards };
  const reached: PersonRef[] = [];
  const unreached: CheckReach['unreached'] = [];
  for (const person of d.recipients) {
    const missed = d.unreached[person.email] ?? whole;
    if (missed === undefined) {
      reached.push(person);
      continue;
    }
    const copy = await deps.stores.posts.post(copyKey(post.key, person.email));
    if (copy?.state === 'posted') {
      reached.push(person);
      if (copy.activityId) cards[person.email] = { conversationId: copy.conversationId!, activityId: copy.activityId };
    } else unreached.push({ person, reason: copy?.state === 'undelivered' ? String(copy.detail.reason ?? missed) : missed });
  }
  return { cards, reached, unreached };
}

