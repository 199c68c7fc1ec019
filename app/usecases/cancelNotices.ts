import type { Cancelled } from './cancel.js';
import { personRefs, type ChatDeps, type PersonRef } from './context.js';
import type { ConversationRecord, PostedCopy } from './conversations.js';
import { cancelledSwapCard, type SwapCardView } from './swapCards.js';

/** What a cancel posts besides its answer: everyone the answer names, a swap's cards, the people to tell. */
export interface CancelNotices {
  people: Map<string, PersonRef>;
  /** A cancelled swap or withdrawn proposal: both cards (proposer's and counterpart's) say so, in place. */
  swapCards?: { card: SwapCardView; copies: PostedCopy[] };
  /** The other people of an accepted swap, each with their personal chat; none: Rota cannot tell them. */
  tell: Array<{ person: PersonRef; chat?: ConversationRecord }>;
}

/** Where the news of a cancel goes, looked up once the cancel is done. */
export async function cancelNotices(deps: ChatDeps, c: Cancelled, now: number): Promise<CancelNotices> {
  const people = await personRefs(deps.stores, [...new Set([...c.moved.flatMap((m) => [...m.before, ...m.after]), ...c.tell])]);
  const swapCards = c.item.kind === 'swap' ? await cancelledSwapCard(deps, c.item, now) : undefined;
  const tell: CancelNotices['tell'] = [];
  for (const email of c.tell) {
    const chat = await deps.stores.conversations.personalConversation(email);
    tell.push({ person: people.get(email)!, ...(chat ? { chat } : {}) });
  }
  return { people, ...(swapCards ? { swapCards } : {}), tell };
}
