import type { TurnContext } from 'botbuilder';
import { rememberInstall } from '../app/usecases/conversations.js';
import { helpCard } from './cards.js';
import { sendCard } from './reply.js';
import { asker, channelIdOf, conversationRecord, teamPairOf, type BotDeps } from './turn.js';

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
  const team = teamPairOf(a);
  await rememberInstall(deps.chat, record, channelIdOf(a), deps.clock(), team);
  // In a personal chat, learn whose it is now (their e-mail beside the conversation), so reminders and swap cards can
  // reach them before they ever type a command; anything already due for them is delivered here.
  if (record.kind === 'personal') await asker(context, deps);
  deps.log.info({ conversation: record.conversationId, kind: record.kind, team: record.teamId, ...(team ? { groupId: team.groupId } : {}) }, 'Rota installed; conversation stored');
  // conversationUpdate and installationUpdate both arrive for one install: greet once.
  if (a.type === 'conversationUpdate') {
    await sendCard(context, helpCard("Hello! I'm Rota: I keep this team's on-call rotations. Ask me:"));
  }
}
