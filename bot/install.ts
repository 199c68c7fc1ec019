import type { TurnContext } from 'botbuilder';
import { helpCard } from './cards.js';
import { asker, conversationRecord, sendCard, type BotDeps } from './turn.js';

/**
 * Rota was added to a team, a group chat or a personal chat (conversationUpdate with the bot among membersAdded,
 * or installationUpdate "add"): remember where it is, for proactive posts, and say hello with the help card.
 */
export async function onInstall(context: TurnContext, deps: BotDeps): Promise<void> {
  const a = context.activity;
  const botId = a.recipient?.id;
  const added =
    a.type === 'installationUpdate'
      ? (a.action ?? 'add').startsWith('add')
      : (a.membersAdded ?? []).some((m) => m.id === botId);
  if (!added) return;
  const record = conversationRecord(a);
  await deps.chat.stores.conversations.saveConversation(record, deps.clock());
  const channelId = (a.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  if (channelId && channelId !== record.conversationId) {
    await deps.chat.stores.conversations.saveConversation({ ...record, conversationId: channelId, kind: 'channel' }, deps.clock());
  }
  // In a personal chat, learn whose it is now (their e-mail beside the conversation), so reminders and swap cards can
  // reach them before they ever type a command; anything already due for them is delivered here.
  if (record.kind === 'personal') await asker(context, deps);
  deps.log.info({ conversation: record.conversationId, kind: record.kind, team: record.teamId }, 'Rota installed; conversation stored');
  // conversationUpdate and installationUpdate both arrive for one install: greet once.
  if (a.type === 'conversationUpdate') {
    await sendCard(context, helpCard("Hello! I'm Rota: I keep this team's on-call rotations. Ask me:"));
  }
}
