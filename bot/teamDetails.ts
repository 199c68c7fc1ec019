import { TeamsInfo, type TurnContext } from 'botbuilder';
import { messageOf } from '../rotation/messageOf.js';
import type { TeamPair } from '../rotation/teamIds.js';
import type { BotDeps } from './turn.js';

/**
 * Both ids of the team the turn is in, from the Bot Connector's team details (`GET /v3/teams/{teamId}` →
 * `{id, name, aadGroupId}`; Teams "Get Teams specific context for your bot", "Get team details": works in team
 * scoped conversations only). Undefined, with a warning, when it cannot be read.
 */
export async function teamDetails(context: TurnContext, deps: Pick<BotDeps, 'log'>): Promise<TeamPair | undefined> {
  try {
    const team = await TeamsInfo.getTeamDetails(context);
    return team.id && team.aadGroupId ? { groupId: team.aadGroupId, threadId: team.id } : undefined;
  } catch (err) {
    deps.log.warn({ err: messageOf(err) }, 'team details not read: the sync cannot use this team until Rota learns its group id');
    return undefined;
  }
}
