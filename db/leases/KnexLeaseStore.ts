import type { Knex } from 'knex';
import type { LeaseStore } from './LeaseStore.js';

/** LeaseStore on knex: `job_leases`, one row per job name, moved only by conditional UPDATEs. */
export class KnexLeaseStore implements LeaseStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexLeaseStore {
    return new KnexLeaseStore(db);
  }

  /** Takes (or renews) the lease when it is free, expired, or already ours. True when we hold it until now + ttl. */
  async tryAcquire(name: string, holder: string, ttlMs: number, now: number): Promise<boolean> {
    await this.db('job_leases').insert({ name, holder: null, expires_at: 0, updated_at: now }).onConflict('name').ignore();
    const updated = await this.db('job_leases')
      .where({ name })
      .andWhere((q) => q.where('expires_at', '<=', now).orWhere({ holder }).orWhereNull('holder'))
      .update({ holder, expires_at: now + ttlMs, updated_at: now });
    return updated === 1;
  }

  /** Only the holder releases; a replica whose lease was taken over releases nothing. */
  async release(name: string, holder: string, now: number): Promise<void> {
    await this.db('job_leases').where({ name, holder }).update({ holder: null, expires_at: 0, updated_at: now });
  }

  async holderOf(name: string, now: number): Promise<string | undefined> {
    const row = (await this.db('job_leases').where({ name }).first()) as { holder: string | null; expires_at: number } | undefined;
    return row?.holder && Number(row.expires_at) > now ? row.holder : undefined;
  }
}
