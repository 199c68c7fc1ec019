import type { ChatDeps, ConversationRecord } from './context.js';

/**
 * A stored conversation in each team Rota is in (by the teams' thread ids it has learned), for asking Teams about a
 * person from outside a team: the Bot Connector's "Get single member details" answers, in a personal chat, only
 * for that chat's user, but in a team's conversation for any member of the team, by Teams id, UPN or Entra object
 * id (msteams-docs, "Get Teams specific context for your bot", https://learn.microsoft.com/microsoftteams/platform/
 * bots/how-to/get-teams-context).
 */
export async function teamConversations(deps: ChatDeps): Promise<ConversationRecord[]> {
  const out: ConversationRecord[] = [];
  for (const pair of await deps.stores.teams.pairs()) {
    const c = await deps.stores.conversations.teamConversation(pair.threadId);
    if (c) out.push({ ...c, teamId: pair.threadId });
  }
  return out;
}
