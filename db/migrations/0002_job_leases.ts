import type { Knex } from 'knex';

/**
 * One row per job name. A replica runs a job only while it holds the lease: it takes a free or expired row with a
 * conditional UPDATE, renews it while working, and only the holder releases it (Backstage's scheduler model).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_leases', (t) => {
    t.string('name', 100).primary();
    t.string('holder', 200).nullable();
    t.bigInteger('expires_at').notNullable().defaultTo(0);
    t.bigInteger('updated_at').notNullable().defaultTo(0);
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
