import { graphError, type Reply } from './replies.js';

/**
 * "Get channel": GET /teams/{team-id}/channels/{channel-id} → {id, displayName, membershipType, …}, membershipType
 * being standard | private | shared; $select narrows the properties; an unknown channel is 404 NotFound.
 */

export interface StandInChannel {
  id: string;
  displayName: string;
  membershipType: 'standard' | 'private' | 'shared';
}

/** /teams/{team-id}/channels/{channel-id}; undefined for any other path. */
export function channelRoute(method: string, seg: string[], query: URLSearchParams, teams: ReadonlyMap<string, { channels: Map<string, StandInChannel> }>): Reply | undefined {
  if (!(seg[0] === 'teams' && seg[2] === 'channels' && seg.length === 4 && method === 'GET')) return undefined;
  const channel = teams.get(seg[1]!)?.channels.get(seg[3]!);
  if (!channel) return graphError(404, 'NotFound', 'Channel not found.');
  const select = query.get('$select')?.split(',').map((p) => p.trim());
  return { status: 200, body: select ? Object.fromEntries(Object.entries(channel).filter(([k]) => select.includes(k))) : channel };
}
