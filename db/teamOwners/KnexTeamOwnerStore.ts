import type { Knex } from 'knex';
import type { TeamOwner, TeamOwnerStore } from './TeamOwnerStore.js';

interface Row {
  team_id: string;
  user_id: string;
  upn: string;
  mail: string | null;
  updated_at: number | string;
}

/** TeamOwnerStore on knex: `team_owners`, one row per team and owner. */
export class KnexTeamOwnerStore implements TeamOwnerStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexTeamOwnerStore {
    return new KnexTeamOwnerStore(db);
  }

  /** Replaces a team's owners in one transaction (an empty list means the team has none now). */
  async replace(teamId: string, owners: TeamOwner[], now: number): Promise<void> {
    const unique = new Map(owners.map((o) => [o.userId, o]));
    await this.db.transaction(async (trx) => {
      await trx('team_owners').where({ team_id: teamId }).delete();
      if (unique.size === 0) return;
      await trx('team_owners').insert(
        [...unique.values()].map((o) => ({ team_id: teamId, user_id: o.userId, upn: o.upn.toLowerCase(), mail: o.mail?.toLowerCase() ?? null, updated_at: now })),
      );
    });
  }

  /** Forgets the owners of every team not in `teamIds` (no rotation names it any more). */
  async keepOnly(teamIds: string[]): Promise<void> {
    const q = this.db('team_owners');
    if (teamIds.length) q.whereNotIn('team_id', teamIds);
    await q.delete();
  }

  async owners(teamId: string): Promise<TeamOwner[]> {
    const rows = await this.db<Row>('team_owners').where({ team_id: teamId }).orderBy('upn');
    return rows.map(toOwner);
  }

  /** Team id → the owners' e-mail addresses and UPNs (lower case, each once): what rotation files and chat compare. */
  async emailsByTeam(): Promise<Map<string, string[]>> {
    const rows = await this.db<Row>('team_owners').orderBy(['team_id', 'upn']);
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const list = out.get(r.team_id) ?? [];
      for (const e of [r.upn, r.mail]) if (e && !list.includes(e)) list.push(e);
      out.set(r.team_id, list);
    }
    return out;
  }
}

function toOwner(r: Row): TeamOwner {
  return { userId: r.user_id, upn: r.upn, ...(r.mail ? { mail: r.mail } : {}) };
}
