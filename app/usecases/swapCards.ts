import type { SwapRecord } from '../../db/swaps/SwapStore.js';
import { decideSwap } from './changes.js';
import { channelsOf, personRefs, type Actor, type ChatDeps, type PersonRef } from './context.js';
import { ok, type Outcome } from '../../rotation/result.js';
import { postedCopies, type ConversationRecord, type PostedCopy } from './conversations.js';

/** What a swap card shows: the proposal, the two shifts, and once decided the outcome. */
export interface SwapCardView {
  swapId: string;
  rotation: { name: string; timezone: string };
  proposer: PersonRef;
  counterpart: PersonRef;
  mine: { start: number; end: number };
  theirs: { start: number; end: number };
  state: 'proposed' | 'accepted' | 'declined' | 'expired' | 'cancelled';
  expiresAt: number;
  decidedBy?: PersonRef;
  decidedAt?: number;
  /** Shown under the shifts: e.g. the double bookings the swap would create. */
  warnings?: string[];
  /** When the card is built: years are shown for instants in another year. */
  now?: number;
}

/** A swap card was posted to `email`: remembered, so that deciding or cancelling the swap updates it in place. */
export async function rememberSwapCard(deps: ChatDeps, swapId: string, email: string, where: { conversationId: string; activityId: string }): Promise<void> {
  await deps.stores.swaps.setSwapCard(swapId, email, where);
}

/** The answer to Accept or Decline: the card as it reads now, the other copies to update, the channel to tell. */
export interface SwapAnswer {
  card: SwapCardView;
  /** The proposer's copy (every copy but the decider's); none when the swap was decided already. */
  copies: PostedCopy[];
  /** On acceptance, the rotation's channel hears that the two swapped (when Rota is installed there). */
  channel?: ConversationRecord;
}

/** The counterpart's Accept or Decline (`decideSwap`), and what to post because of it. */
export async function answerSwap(deps: ChatDeps, actor: Actor, swapId: string, accept: boolean): Promise<Outcome<SwapAnswer>> {
  const decided = await decideSwap(deps, actor, swapId, accept);
  if (!decided.ok) return decided;
  const d = decided.value;
  const s = d.swap;
  const refs = await personRefs(deps.stores, [s.proposer, s.counterpart]);
  const card: SwapCardView = {
    swapId: s.id,
    rotation: d.rotation,
    proposer: refs.get(s.proposer)!,
    counterpart: refs.get(s.counterpart)!,
    mine: d.stretches.mine,
    theirs: d.stretches.theirs,
    state: s.state,
    expiresAt: s.expiresAt,
    decidedAt: actor.now,
  };
  if (d.outcome === 'already') return ok({ card, copies: [] });
  const copies = await postedCopies(deps, s.cards, s.counterpart);
  const subscribed = d.outcome === 'accepted' ? (await channelsOf(deps, [d.rotation])).get(d.rotation.id) : undefined;
  const channel = subscribed ? await deps.stores.conversations.conversation(subscribed.id) : undefined;
  return ok({ card, copies, ...(channel ? { channel } : {}) });
}

/** A withdrawn proposal or a cancelled swap: every copy of its card says so, in place. */
export async function cancelledSwapCard(
  deps: ChatDeps,
  item: { swap: SwapRecord; rotation: SwapCardView['rotation']; mine: SwapCardView['mine']; theirs: SwapCardView['theirs'] },
  now: number,
): Promise<{ card: SwapCardView; copies: PostedCopy[] }> {
  const { swap: s, rotation, mine, theirs } = item;
  const known = await personRefs(deps.stores, [s.proposer, s.counterpart]);
  const card: SwapCardView = { swapId: s.id, rotation, proposer: known.get(s.proposer)!, counterpart: known.get(s.counterpart)!, mine, theirs, state: 'cancelled', expiresAt: s.expiresAt, decidedAt: now };
  return { card, copies: await postedCopies(deps, s.cards) };
}
