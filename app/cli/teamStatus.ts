import type { Stores } from '../../db/stores.js';
import { TeamIds, unresolvedTeamMessage } from '../../rotation/teamIds.js';
import { teamsNamed } from '../../sync/syncTargets.js';

/**
 * The teams `rota status` cannot sync: named (in the file, or by `subscribe`) by a thread id whose group id Rota has
 * not learned. Read from what is stored, so it is right between reconciles too.
 */
export async function unresolvedTeams(stores: Pick<Stores, 'rotations' | 'subscriptions' | 'teams'>): Promise<string[]> {
  const [state, subscribed, pairs] = await Promise.all([stores.rotations.load(), stores.subscriptions.subscriptions(), stores.teams.pairs()]);
  const ids = new TeamIds(pairs);
  const named = [...teamsNamed(state), ...[...subscribed.values()].map((c) => c.team)];
  return [...new Set(named)].filter((t) => ids.groupIdOf(t) === undefined).sort();
}

/** The status section: one line per team, saying what to do. */
export function renderUnresolvedTeams(teams: string[]): string {
  if (teams.length === 0) return 'teams: all resolved\n';
  return teams.map((t) => `${unresolvedTeamMessage(t)}\n`).join('');
}
