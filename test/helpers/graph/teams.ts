import { randomUUID } from 'node:crypto';

/**
 * The Graph stand-in's team routes and its rule for team ids, kept apart from GraphStandIn.ts:
 * - "Get team" (learn.microsoft.com/graph/api/team-get): GET /teams/{team-id} → the team, `id` being its group's
 *   id and `internalId` the Teams thread id ("19:…@thread.tacv2"); $select narrows the properties; 404 NotFound
 *   "No team found with Group Id …" for a group without a team (microsoftgraph/microsoft-graph-docs#8134).
 * - The group id is the only legal {team-id} (microsoftgraph/microsoft-graph-docs#5954, on "Get team"): Graph
 *   answers 400 BadRequest "teamId needs to be a valid GUID." to anything else, a thread id included
 *   (microsoftgraph/microsoft-graph-explorer-v4#2469 and #3327, on /teams/{id}/channels). Every /teams/… path here.
 * - /groups/{id}/…: a thread id is no directory object id. Not in the docs, so a guess at the answer: 400
 *   Request_BadRequest "Invalid object identifier".
 */

export interface StandInTeamIds {
  id: string;
  internalId: string;
  displayName: string;
}

interface Reply {
  status: number;
  body?: unknown;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

/** A distinct thread id for a team the test did not give one. */
export const defaultInternalId = (groupId: string): string => `19:${groupId.replace(/-/g, '').split('').reverse().join('')}@thread.tacv2`;

/**
 * Answers what Graph answers to a team id that is not a GUID, and "Get team"; undefined for every other path (the
 * stand-in routes it on).
 */
export function teamRoute(method: string, seg: string[], query: URLSearchParams, teams: ReadonlyMap<string, StandInTeamIds>): Reply | undefined {
  if ((seg[0] === 'teams' || seg[0] === 'groups') && seg.length >= 2 && !GUID.test(seg[1]!)) {
    return seg[0] === 'teams' ? graphError(400, 'BadRequest', 'teamId needs to be a valid GUID.') : graphError(400, 'Request_BadRequest', `Invalid object identifier '${seg[1]}'.`);
  }
  if (seg[0] !== 'teams' || seg.length !== 2 || method !== 'GET') return undefined;
  const team = teams.get(seg[1]!);
  if (!team) return graphError(404, 'NotFound', `No team found with Group Id ${seg[1]}`);
  const full: Record<string, unknown> = { id: team.id, internalId: team.internalId, displayName: team.displayName, isArchived: false };
  const select = query.get('$select')?.split(',').map((p) => p.trim());
  return { status: 200, body: select ? Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k))) : full };
}
