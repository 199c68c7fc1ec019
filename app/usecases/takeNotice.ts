import type { Actor, ChatDeps } from './context.js';
import type { TakeResult } from './take.js';

/** The notice to the relieved person is a post like any other: claimed once per take, its outcome recorded. */
export const takeNoticeKey = (r: TakeResult): string => `take:${r.id}`;

/** Claims the notice of this take; false when it was claimed already (the take is one write, so once). */
export function claimTakeNotice(deps: ChatDeps, r: TakeResult, actor: Actor): Promise<boolean> {
  const detail = { to: r.relieved, by: actor.email, from: r.override.start, until: r.override.end };
  return deps.stores.posts.claimPost({ key: takeNoticeKey(r), kind: 'take-notice', rotationId: r.rotation.id, detail }, actor.email, actor.now);
}

/** The notice's outcome: where it went, or why the relieved person could not be reached (shown to the asker too). */
export async function takeNoticeOutcome(deps: ChatDeps, r: TakeResult, outcome: { conversationId: string; activityId?: string } | { reason: string }, now: number): Promise<void> {
  if ('reason' in outcome) await deps.stores.posts.markUndelivered(takeNoticeKey(r), outcome.reason, now);
  else await deps.stores.posts.markPosted(takeNoticeKey(r), outcome, now);
}
