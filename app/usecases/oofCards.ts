import type { OofDetail, OofState, OofSuggestion } from '../../db/oof/OofStore.js';
import { personRefs, type ChatDeps, type PersonRef } from './context.js';
import type { PostedCopy } from './conversations.js';

/** What an out-of-office question's card shows: the block, the first shift it covers, and the answer once given. */
export interface OofCardView {
  id: string;
  member: PersonRef;
  start: number;
  end: number;
  detail: OofDetail;
  state: OofState;
  answeredAt?: number;
  /** Why it expired. */
  note?: string;
}

/** Where the question goes; the bot implements it (botbuilder stays in bot/). */
export interface OofPoster {
  /** The card in the person's personal chat; undefined when Rota cannot reach them (or throws PersonUnreachable). */
  sendToPerson(view: OofCardView, to: PersonRef): Promise<{ conversationId: string; activityId?: string } | undefined>;
}

export async function oofCardView(deps: ChatDeps, s: OofSuggestion): Promise<OofCardView> {
  const member = (await personRefs(deps.stores, [s.member])).get(s.member) ?? { email: s.member };
  return {
    id: s.id, member, start: s.start, end: s.end, detail: s.detail, state: s.state,
    ...(s.answeredAt !== undefined ? { answeredAt: s.answeredAt } : {}),
    ...(s.state === 'expired' && s.note ? { note: s.note } : {}),
  };
}

/** The posted card, unless it is the one clicked (the invoke's answer replaces that one). */
export async function oofCopies(deps: ChatDeps, s: OofSuggestion, clicked?: { conversationId: string; activityId?: string }): Promise<PostedCopy[]> {
  if (!s.conversationId || !s.activityId) return [];
  if (clicked?.activityId !== undefined && clicked.conversationId === s.conversationId && clicked.activityId === s.activityId) return [];
  const conversation = await deps.stores.conversations.conversation(s.conversationId);
  return conversation ? [{ conversation, conversationId: s.conversationId, activityId: s.activityId }] : [];
}
