import type { Activity } from 'botbuilder';
import { notInstalledReason, personalRoute, PersonUnreachable, rememberOpenedChat, type ConversationRecord, type PostedCopy } from '../app/usecases/conversations.js';
import { statusOf } from './connectorRetry.js';
import { attachment, type Card } from './cards.js';
import { referenceFor, type Delivered } from './Messenger.js';
import type { BotDeps } from './turn.js';
import { messageOf } from '../rotation/messageOf.js';

// Posts beyond the turn's own conversation: where they go is app/'s choice (app/usecases/conversations.ts).

/**
 * Posts to a person's personal chat (`personalRoute` says which, or how to open one; `opening` allows that), and a
 * chat Rota opens is remembered. Undefined: Rota has no way to reach them; PersonUnreachable: Teams refused the 1:1
 * chat (403: the app is not installed for them).
 */
export async function sendPersonally(
  deps: BotDeps,
  email: string,
  activity: Partial<Activity>,
  opening?: { via: ConversationRecord; userId: string | undefined } | 'any',
): Promise<Delivered | undefined> {
  const route = await personalRoute(deps.chat, email, opening);
  if (!route) return undefined;
  if ('stored' in route) return deps.messenger.send(route.stored.reference, activity);
  const { via, userId } = route.open;
  const sent = await deps.messenger.sendPersonal(via.reference, { id: userId }, via.tenantId, activity).catch((err: unknown) => {
    throw statusOf(err) === 403 ? new PersonUnreachable(email, notInstalledReason(email)) : err;
  });
  await rememberOpenedChat(deps.chat, { conversationId: sent.conversationId, ...(via.tenantId ? { tenantId: via.tenantId } : {}), email, reference: sent.reference as Record<string, unknown> }, deps.clock());
  return sent;
}

/** Replaces copies of a card Rota posted with `card`, in place; a failed update is logged, not fatal. */
export async function updateCopies(deps: BotDeps, copies: PostedCopy[], card: Card, what: string): Promise<void> {
  for (const c of copies) {
    await deps.messenger.update(referenceFor(c.conversation.reference, c.conversationId), c.activityId, { attachments: [attachment(card)] }).catch((err: unknown) => {
      deps.log.warn({ err: messageOf(err) }, `could not update the ${what}`);
    });
  }
}
