import type { TeamPair } from '../../rotation/teamIds.js';

export type { TeamPair };

/** Where a pair was learned: from Teams (Rota's install there, or the team details) or Graph's `GET /teams/{id}`. */
export type TeamSource = 'teams' | 'graph';

/** The two ids of each team Rota has learned (group GUID for Graph, thread id for the Bot Connector). */
export interface TeamStore {
  /** Keeps the pair; saving it again is harmless, and a team's newer thread id replaces the older one. */
  savePair(pair: TeamPair, source: TeamSource, now: number): Promise<void>;
  /** Every pair known, group ids in lower case. */
  pairs(): Promise<TeamPair[]>;
}
