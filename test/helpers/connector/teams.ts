import { connectorError, type Answer } from './answer.js';

/**
 * A team as Teams knows it: by its thread id (`channelData.team.id`, the Bot Connector's team id) and, on install
 * only, by its Microsoft 365 group id too (`channelData.team.aadGroupId`; Teams "Conversation events in your bot").
 */
export interface StandInTeam {
  threadId: string;
  groupId: string;
  name: string;
}

/** The team the tests' bot is in: ids distinct, as in a real tenant. */
export const TEAM_1: StandInTeam = { threadId: '19:0f5e1d2c3b4a49588776655443322110@thread.tacv2', groupId: 'b5d8e2f1-7a3c-4e9b-8d6f-1c2a3b4c5d6e', name: 'Platform' };

/**
 * GET /v3/teams/{teamId} → TeamDetails `{id, name, aadGroupId}`, by the thread id only ("Get Teams specific context
 * for your bot", "Get team details"); a group id or an unknown team is 404. Undefined for any other request.
 */
export function teamDetailsRoute(teams: ReadonlyMap<string, StandInTeam>, method: string, path: string): Answer | undefined {
  const teamDetails = /^\/v3\/teams\/([^/?]+)$/.exec(path);
  if (!(method === 'GET' && teamDetails)) return undefined;
  const team = teams.get(decodeURIComponent(teamDetails[1]!));
  if (!team) return connectorError(404, 'NotFound', 'team not found');
  return { status: 200, body: { id: team.threadId, name: team.name, aadGroupId: team.groupId } };
}
