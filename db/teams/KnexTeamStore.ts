import type { Knex } from 'knex';
import type { TeamPair, TeamSource, TeamStore } from './TeamStore.js';

interface Row {
  group_id: string;
  thread_id: string;
}

/** TeamStore on knex: `teams`, one row per group id, each thread id once. */
export class KnexTeamStore implements TeamStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexTeamStore {
    return new KnexTeamStore(db);
  }

  /** Idempotent: one transaction drops any other group's claim on the thread id, then upserts by group id. */
  async savePair(pair: TeamPair, source: TeamSource, now: number): Promise<void> {
    const groupId = pair.groupId.toLowerCase();
    await this.db.transaction(async (trx) => {
      await trx('teams').where({ thread_id: pair.threadId }).whereNot({ group_id: groupId }).delete();
      await trx('teams')
        .insert({ group_id: groupId, thread_id: pair.threadId, learned_from: source, updated_at: now })
        .onConflict('group_id')
        .merge({ thread_id: pair.threadId, learned_from: source, updated_at: now });
    });
  }

  async pairs(): Promise<TeamPair[]> {
    const rows = await this.db<Row>('teams').select('group_id', 'thread_id').orderBy('group_id');
    return rows.map((r) => ({ groupId: r.group_id, threadId: r.thread_id }));
  }
}
