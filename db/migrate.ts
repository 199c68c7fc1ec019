import type { Knex } from 'knex';
import * as initial from './migrations/0001_initial.js';
import * as jobLeases from './migrations/0002_job_leases.js';
import * as bot from './migrations/0004_bot.js';
import * as teamOwners from './migrations/0005_team_owners.js';
import * as dropOutbox from './migrations/0006_drop_outbox.js';
import * as reminderLeads from './migrations/0007_reminder_leads.js';
import * as teams from './migrations/0008_teams.js';
import * as identities from './migrations/0009_identities.js';
import * as appInstallations from './migrations/0010_app_installations.js';
import * as dutyRuns from './migrations/0011_duty_runs.js';
import * as items from './migrations/0012_items.js';
import * as shiftNotices from './migrations/0013_shift_notices.js';
import * as webhookDeliveries from './migrations/0014_webhook_deliveries.js';
import * as oofSuggestions from './migrations/0015_oof_suggestions.js';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** Migrations are listed in code, so they run the same from tsx, tests and any bundler. Append only. */
const MIGRATIONS: Array<readonly [string, Migration]> = [
  ['0001_initial', initial],
  ['0002_job_leases', jobLeases],
  ['0004_bot', bot],
  ['0005_team_owners', teamOwners],
  ['0006_drop_outbox', dropOutbox],
  ['0007_reminder_leads', reminderLeads],
  ['0008_teams', teams],
  ['0009_identities', identities],
  ['0010_app_installations', appInstallations],
  ['0011_duty_runs', dutyRuns],
  ['0012_items', items],
  ['0013_shift_notices', shiftNotices],
  ['0014_webhook_deliveries', webhookDeliveries],
  ['0015_oof_suggestions', oofSuggestions],
];

export const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

export interface MigrateResult {
  applied: string[];
}

/** Brings the schema up to date. Safe to run concurrently from several replicas: knex holds a lock table. */
export async function migrateToLatest(db: Knex): Promise<MigrateResult> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return { applied };
}

export async function pendingMigrations(db: Knex): Promise<string[]> {
  const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown, Array<readonly [string, Migration]>];
  return pending.map((m) => migrationSource.getMigrationName(m));
}
