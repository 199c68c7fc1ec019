import type { RetryPolicy } from '../../sync/graph/GraphApi.js';
import { createSyncJob } from '../../sync/createSyncJob.js';
import type { SyncJob } from '../../sync/SyncJob.js';
import type { SyncStores } from '../../sync/SyncStores.js';
import type { RotaService } from '../usecases/RotaService.js';
import { syncSettingsOf, type Config } from './config.js';
import type { Logger } from './logger.js';

/** The sync job of a configuration, on the stores built once (createStores), fed by the service's snapshot. */
export function syncJobFor(config: Pick<Config, 'graph' | 'sync'> & { bot?: Pick<Config['bot'], 'appId'> }, stores: SyncStores, service: Pick<RotaService, 'snapshot'>, log: Logger, clock: () => number, retry?: RetryPolicy): SyncJob {
  return createSyncJob({ settings: syncSettingsOf(config), stores, snapshot: () => service.snapshot(), log, clock, ...(retry ? { retry } : {}) });
}
