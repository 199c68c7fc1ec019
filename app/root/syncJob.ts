import type { Knex } from '../../db/connection.js';
import { KnexChatStore } from '../../db/KnexChatStore.js';
import { KnexLeaseStore } from '../../db/KnexLeaseStore.js';
import { KnexSyncStore } from '../../db/KnexSyncStore.js';
import { KnexTeamOwnerStore } from '../../db/KnexTeamOwnerStore.js';
import type { RetryPolicy } from '../../sync/graph/GraphApi.js';
import { createSyncJob } from '../../sync/createSyncJob.js';
import type { SyncJob } from '../../sync/SyncJob.js';
import type { SyncStores } from '../../sync/SyncStores.js';
import type { RotaService } from '../usecases/RotaService.js';
import { syncSettingsOf, type Config } from './config.js';
import type { Logger } from './logger.js';

/** The stores the sync reads and writes, over one database. */
export function syncStoresOf(db: Knex): SyncStores {
  return { state: KnexSyncStore.create(db), owners: KnexTeamOwnerStore.create(db), leases: KnexLeaseStore.create(db), subscriptions: KnexChatStore.create(db) };
}

/** The sync job of a configuration over a database, fed by the service's snapshot. */
export function syncJobFor(config: Pick<Config, 'graph' | 'sync'>, db: Knex, service: Pick<RotaService, 'snapshot'>, log: Logger, clock: () => number, retry?: RetryPolicy): SyncJob {
  return createSyncJob({ settings: syncSettingsOf(config), stores: syncStoresOf(db), snapshot: () => service.snapshot(), log, clock, ...(retry ? { retry } : {}) });
}
