import type { Config } from '../app/root/config.js';
import type { Logger } from '../app/root/logger.js';
import type { Scheduler } from '../app/jobs/scheduler.js';
import type { StoredState } from '../db/types.js';
import { MS_PER_WEEK } from '../rotation/localDate.js';
import type { ScheduleInput } from '../rotation/schedule.js';
import { GraphApi, DEFAULT_RETRY, type RetryPolicy } from './GraphApi.js';
import { createGraphClient } from './graphClient.js';
import { SyncJob, type SyncStores } from './SyncJob.js';

/** The sync job for a configuration: a Graph client in live and stand-in mode, none in dry-run. */
export function createSyncJob(
  config: Pick<Config, 'graph' | 'sync'>,
  stores: SyncStores,
  snapshot: () => Promise<{ state: StoredState; schedule: ScheduleInput }>,
  log: Logger,
  retry: RetryPolicy = DEFAULT_RETRY,
): SyncJob {
  const { mode, baseUrl } = config.graph;
  const api = mode === 'dry-run' ? undefined : new GraphApi(createGraphClient({ baseUrl, mode }), baseUrl, retry);
  return new SyncJob({ mode, log, stores, snapshot, horizonMs: config.sync.horizonWeeks * MS_PER_WEEK, ...(api ? { api } : {}) });
}

/**
 * One node-schedule job per synced rotation at its next tag change (a handoff or an override boundary), named
 * `sync:handoff:<rotation>`; each run reconciles and plans the next. Call again whenever the schedule changes.
 */
export async function planHandoffJobs(sync: SyncJob, scheduler: Scheduler, clock: () => number, log: Logger): Promise<void> {
  try {
    const next = await sync.nextBoundaries(clock());
    const work = async () => {
      await sync.reconcile(clock());
      await planHandoffJobs(sync, scheduler, clock, log);
    };
    scheduler.replan('sync:handoff:', new Map([...next].map(([rotation, at]) => [rotation, { at, work }])));
  } catch (err) {
    log.error({ err }, 'could not plan the handoff sync jobs');
  }
}
