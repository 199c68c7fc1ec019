import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationSource, pendingMigrations } from '../../db/migrate.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const TABLES = [
  'job_leases',
  'settings',
  'rotations',
  'rotation_versions',
  'members',
  'overrides',
  'swaps',
  'time_off',
  'handover_notes',
  'conversation_refs',
  'sync_state',
  'audit_log',
  'people',
  'bot_posts',
  'team_owners',
  'teams',
  'identities',
  'app_installations',
];

describe.each(ENGINES)('migrations on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('creates every table on a fresh database, and a second run applies nothing', async () => {
    t = await freshDatabase(engine, false);
    expect(await pendingMigrations(t.db)).toEqual(['0001_initial', '0002_job_leases', '0004_bot', '0005_team_owners', '0006_drop_outbox', '0007_reminder_leads', '0008_teams', '0009_identities', '0010_app_installations', '0011_duty_runs', '0012_items', '0013_shift_notices', '0014_webhook_deliveries', '0015_oof_suggestions']);
    const first = await migrateToLatest(t.db);
    expect(first.applied).toEqual(['0001_initial', '0002_job_leases', '0004_bot', '0005_team_owners', '0006_drop_outbox', '0007_reminder_leads', '0008_teams', '0009_identities', '0010_app_installations', '0011_duty_runs', '0012_items', '0013_shift_notices', '0014_webhook_deliveries', '0015_oof_suggestions']);
    for (const table of TABLES) expect(await t.db.schema.hasTable(table), table).toBe(true);
    expect(await t.db.schema.hasTable('outbox')).toBe(false);
    const second = await migrateToLatest(t.db);
    expect(second.applied).toEqual([]);
    expect(await pendingMigrations(t.db)).toEqual([]);
  });

  it('drops the unused outbox table from a database migrated before 0006, keeping everything else', async () => {
    t = await freshDatabase(engine, false);
    for (let i = 0; i < 4; i++) await t.db.migrate.up({ migrationSource }); // 0001, 0002, 0004, 0005
    expect(await pendingMigrations(t.db)).toEqual(['0006_drop_outbox', '0007_reminder_leads', '0008_teams', '0009_identities', '0010_app_installations', '0011_duty_runs', '0012_items', '0013_shift_notices', '0014_webhook_deliveries', '0015_oof_suggestions']);
    expect(await t.db.schema.hasTable('outbox')).toBe(true);
    await t.db('settings').insert({ key: 'timezone', value: '"Europe/Berlin"', updated_at: 1 });
    expect((await migrateToLatest(t.db)).applied).toEqual(['0006_drop_outbox', '0007_reminder_leads', '0008_teams', '0009_identities', '0010_app_installations', '0011_duty_runs', '0012_items', '0013_shift_notices', '0014_webhook_deliveries', '0015_oof_suggestions']);
    expect(await t.db.schema.hasTable('outbox')).toBe(false);
    for (const table of TABLES) expect(await t.db.schema.hasTable(table), table).toBe(true);
    expect(await t.db('settings').pluck('key')).toEqual(['timezone']);
  });

  it('copies the identities cached on member rows into the identities table (0009), once per address', async () => {
    t = await freshDatabase(engine, false);
    for (let i = 0; i < 7; i++) await t.db.migrate.up({ migrationSource }); // up to 0008
    expect(await pendingMigrations(t.db)).toEqual(['0009_identities', '0010_app_installations', '0011_duty_runs', '0012_items', '0013_shift_notices', '0014_webhook_deliveries', '0015_oof_suggestions']);
    for (const id of ['ops', 'dev']) {
      await t.db('rotations').insert({ id, name: id, timezone: 'UTC', every: '1w', handoff: 'Mon 09:00', start_date: '2026-01-05', created_at: 0, updated_at: 0 });
      await t.db('members').insert({ rotation_id: id, position: 0, email: 'alice@contoso.com', aad_object_id: 'oid-1', display_name: 'Alice Archer' });
    }
    await t.db('members').insert({ rotation_id: 'ops', position: 1, email: 'bob@contoso.com' });
    expect((await migrateToLatest(t.db)).applied).toEqual(['0009_identities', '0010_app_installations', '0011_duty_runs', '0012_items', '0013_shift_notices', '0014_webhook_deliveries', '0015_oof_suggestions']);
    expect(await t.db('identities').select('address', 'object_id', 'display_name', 'upn', 'mail')).toEqual([
      { address: 'alice@contoso.com', object_id: 'oid-1', display_name: 'Alice Archer', upn: null, mail: null },
    ]);
  });

  it('is forward-only: rolling back is refused and the schema stays', async () => {
    t = await freshDatabase(engine);
    await expect(t.db.migrate.rollback({ migrationSource })).rejects.toThrow(/forward-only/);
    expect(await t.db.schema.hasTable('rotations')).toBe(true);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    t = await freshDatabase(engine);
    await t.db('audit_log').insert({ at: 1, actor: 'a@contoso.com', source: 'cli', action: 'test', detail: '{}' });
    await expect(t.db('audit_log').update({ actor: 'mallory@contoso.com' })).rejects.toThrow(/append-only/);
    await expect(t.db('audit_log').delete()).rejects.toThrow(/append-only/);
    expect(await t.db('audit_log').pluck('actor')).toEqual(['a@contoso.com']);
  });

  it('rejects a swap in an unknown state', async () => {
    t = await freshDatabase(engine);
    await t.db('rotations').insert({
      id: 'ops', name: 'Ops', timezone: 'UTC', every: '1w', handoff: 'Mon 12:00', on_duty: 1,
      start_date: '2026-01-05', created_at: 0, updated_at: 0,
    });
    const swap = {
      id: 's1', rotation_id: 'ops', proposer: 'a@contoso.com', counterpart: 'b@contoso.com',
      proposer_shift_start: 0, expires_at: 1, created_at: 0,
    };
    await expect(t.db('swaps').insert({ ...swap, state: 'maybe' })).rejects.toThrow();
    await t.db('swaps').insert(swap);
    expect(await t.db('swaps').pluck('state')).toEqual(['proposed']);
  });
});
