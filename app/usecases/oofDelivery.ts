import type { OofSuggestion } from '../../db/oof/OofStore.js';
import { messageOf } from '../../rotation/messageOf.js';
import { resumeStaleClaims, STALE_CLAIM_MS } from './claims.js';
import { snapshot, type ChatDeps } from './context.js';
import { oofNoLongerApplies } from './oofApplies.js';
import { unreachableReason, NO_PERSONAL_CHAT } from './conversations.js';
import { oofCardView, type OofPoster } from './oofCards.js';

const NO_CHAT = NO_PERSONAL_CHAT;

export interface OofDelivery {
  deps: ChatDeps;
  poster: OofPoster;
  clock: () => number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Sends one claimed question and records its outcome: posted (the question is asked) or undelivered with the reason
 * (tried again later, and when the person next writes to Rota). A question that no longer applies (the block ended,
 * or covers no shift of theirs any more: oofNoLongerApplies) expires instead. Only the claim's holder records, so a claim taken over meanwhile is left to its new holder.
 */
export async function deliverOof(o: OofDelivery, s: OofSuggestion, holder: string, now: number): Promise<void> {
  const store = o.deps.stores.oof;
  const gone = s.end <= now ? 'the out-of-office block ended before Rota could ask' : oofNoLongerApplies(await snapshot(o.deps), s, now);
  if (gone) {
    await store.markUndelivered(s.id, holder, gone, now);
    await store.expire(s.id, gone, now);
    return;
  }
  const view = await oofCardView(o.deps, s);
  const where = await o.poster.sendToPerson(view, view.member).catch((err: unknown) => unreachableReason(err));
  const at = Math.max(now, o.clock());
  if (typeof where === 'object' && where.activityId) {
    await store.markPosted(s.id, holder, { conversationId: where.conversationId, activityId: where.activityId }, at);
    o.log.info({ oof: s.id, member: s.member }, 'out-of-office question sent');
    return;
  }
  const note = typeof where === 'string' ? where : NO_CHAT;
  await store.markUndelivered(s.id, holder, note, at);
  o.log.warn({ oof: s.id, member: s.member, note }, 'out-of-office question not delivered');
}

/**
 * The questions to send now, each claimed by one caller first (a conditional update), so each goes out once across
 * restarts and replicas: claims a stopped Rota left, questions never sent, and undelivered ones last tried at or
 * before `triedBefore`. With `only` (a person writing to Rota), just their undelivered ones, at once.
 */
export async function sendOofQuestions(o: OofDelivery, holder: string, now: number, only?: { email: string }, triedBefore = now): Promise<number> {
  const store = o.deps.stores.oof;
  let sent = 0;
  const go = async (s: OofSuggestion) => {
    await deliverOof(o, (await store.suggestion(s.id))!, holder, now);
    sent++;
  };
  if (!only) {
    const before = now - STALE_CLAIM_MS;
    await resumeStaleClaims((await store.staleClaims(before)).map((s) => ({ ...s, key: s.id })), (id) => store.retakeStale(id, holder, before, now), go);
    for (const s of await store.unsent()) if (await store.claim(s.id, holder, now)) await go(s);
  }
  for (const s of await store.undelivered(only ? now : triedBefore, only?.email)) if (await store.retakeUndelivered(s.id, holder, now)) await go(s);
  return sent;
}
