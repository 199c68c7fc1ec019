import type { Logger } from 'pino';
import type { StoredState } from '../db/types.js';
import type { ScheduleInput } from '../rotation/schedule.js';
import { DEFAULT_RETRY, GraphApi, type RetryPolicy } from './graph/GraphApi.js';
import { GraphClient } from './graph/GraphClient.js';
import { createSdkClient } from './graph/sdkClient.js';
import { SyncJob } from './SyncJob.js';
import type { SyncSettings } from './SyncSettings.js';
import type { SyncStores } from './SyncStores.js';

export interface CreateSyncJobOptions {
  settings: SyncSettings;
  stores: SyncStores;
  snapshot(): Promise<{ state: StoredState; schedule: ScheduleInput }>;
  log: Logger;
  clock: () => number;
  retry?: RetryPolicy;
}

/** The sync job for its settings: a Graph client in live and stand-in mode, none in dry-run (no credentials needed). */
export function createSyncJob({ settings, stores, snapshot, log, clock, retry = DEFAULT_RETRY }: CreateSyncJobOptions): SyncJob {
  const { mode, baseUrl, horizonMs, installation } = settings;
  const graph = mode === 'dry-run' ? undefined : new GraphClient(new GraphApi(createSdkClient({ baseUrl, mode }), baseUrl, retry));
  return new SyncJob({ mode, log, clock, stores, snapshot, horizonMs, ...(graph ? { graph } : {}), ...(installation ? { installation } : {}) });
}
