/**
 * Who may run a job right now, decided by the database so that several replicas never post or sync twice.
 * node-schedule only says "now would be a good time"; `tryAcquire` says whether this replica does the work.
 */
export interface LeaseStore {
  /** Takes (or renews) the lease when it is free, expired, or already ours. True when we hold it until now + ttl. */
  tryAcquire(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;
  /** Only the holder releases; a replica whose lease was taken over releases nothing. */
  release(name: string, holder: string, now: number): Promise<void>;
  holderOf(name: string, now: number): Promise<string | undefined>;
}
