import type { Activity } from 'botbuilder';
import { personalRoute, rememberOpenedChat, type ConversationRecord } from '../app/usecases/conversations.js';
import type { Delivered } from './Messenger.js';
import type { BotDeps } from './turn.js';

/**
 * Posts to a person's personal chat: where is app/'s choice (`personalRoute`); a chat Rota opens is remembered through
 * the use case too. `opening` allows opening one (see personalRoute); undefined: Rota cannot reach them.
 */
export async function sendPersonally(
  deps: BotDeps,
  email: string,
  activity: Partial<Activity>,
  opening?: { via: ConversationRecord; teamsId: string | undefined } | 'any',
): Promise<Delivered | undefined> {
  const route = await personalRoute(deps.chat, email, opening);
  if (!route) return undefined;
  if ('stored' in route) return deps.messenger.send(route.stored.reference, activity);
  const { via, teamsId } = route.open;
  const sent = await deps.messenger.sendPersonal(via.reference, { teamsId }, via.tenantId, activity);
  await rememberOpenedChat(deps.chat, { conversationId: sent.conversationId, ...(via.tenantId ? { tenantId: via.tenantId } : {}), email, reference: sent.reference as Record<string, unknown> }, deps.clock());
  return sent;
}
