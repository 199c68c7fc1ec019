import type { ChatDeps } from './context.js';

// The post of an escalation (bot_posts, kind `escalation`): claimed by `escalate`, its outcome recorded by the bot,
// a claim left by a crash closed by the minute tick; `item <n>` says when one never reached the channel.

/** The escalation post's key in bot_posts. */
export const escalationKey = (n: number): string => `escalation:${n}`;

/** Why a stale escalation claim was closed: what `item <n>` says about its post. */
export const STALE_ESCALATION = 'Rota stopped between recording the escalation and posting it, so it never reached the channel';

/**
 * An escalation post still `claimed` at or before `claimedBefore`: whoever claimed it stopped before recording its
 * outcome, and nothing resumes such a post (the asker was told nothing). The minute tick marks it undelivered, with
 * the reason, so the item's history says it was not posted. The keys it marked.
 */
export async function closeStaleEscalations(deps: ChatDeps, claimedBefore: number, now: number): Promise<string[]> {
  const stale = await deps.stores.posts.postsIn('escalation', 'claimed', { atOrBefore: claimedBefore });
  for (const post of stale) await deps.stores.posts.markUndelivered(post.key, STALE_ESCALATION, now);
  return stale.map((p) => p.key);
}

/** Why escalation `n` never reached the channel, or undefined when it was posted (or is being posted). */
export async function whyEscalationNotPosted(deps: ChatDeps, n: number): Promise<string | undefined> {
  const post = await deps.stores.posts.post(escalationKey(n));
  // No record at all: Rota stopped between recording the item and claiming its post.
  if (!post) return 'Rota stopped before it claimed the post';
  if (post.state !== 'undelivered') return undefined;
  return typeof post.detail.reason === 'string' ? post.detail.reason : 'no reason was recorded';
}
