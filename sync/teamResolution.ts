import type { Logger } from 'pino';
import type { TeamStore } from '../db/teams/TeamStore.js';
import { TeamIds, teamIdKind, unresolvedTeamMessage } from '../rotation/teamIds.js';
import type { GraphClient } from './graph/GraphClient.js';

/**
 * Every Graph team path takes the group GUID (Graph "Get team": `GET /teams/{team-id}`, the team id being the
 * group's id), and the Bot Connector the thread id. The teams the rotations name are resolved once per reconcile:
 * a thread id through the pair Rota learned at its install in the team; a group id whose thread id is not known
 * yet through Graph's `internalId` (one $batch for all of them), and the pair is kept.
 */
export interface ResolvedTeams {
  ids: TeamIds;
  /** Teams named by a thread id whose group id Rota does not know: Graph cannot be asked about them. */
  unresolved: string[];
}

export async function resolveTeams(graph: GraphClient | undefined, store: TeamStore, named: readonly string[], log: Logger, now: number): Promise<ResolvedTeams> {
  const teams = [...new Set(named)];
  let ids = new TeamIds(await store.pairs());
  const toLearn = teams.filter((t) => teamIdKind(t) === 'group' && ids.threadIdOf(t) === undefined);
  if (graph && toLearn.length) {
    const read = await graph.teamsOf(toLearn);
    for (const [i, r] of read.entries()) {
      // A failed read only costs the thread id (the bot's posts use it); Graph calls still have the group id.
      if (!r.ok) log.warn({ team: toLearn[i], err: r.error.message }, 'team not read from Graph: its thread id stays unknown');
      else await store.savePair(r.value, 'graph', now);
    }
    ids = new TeamIds(await store.pairs());
  }
  const unresolved = teams.filter((t) => ids.groupIdOf(t) === undefined).sort();
  for (const team of unresolved) log.warn({ team }, unresolvedTeamMessage(team));
  return { ids, unresolved };
}
