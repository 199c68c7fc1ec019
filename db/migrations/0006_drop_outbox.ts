import type { Knex } from 'knex';

/**
 * `outbox` was created by 0001_initial for a delivery queue that was never built: nothing ever wrote or read it
 * (handoff posts and reminders are claimed in `bot_posts`, Graph writes are recorded in `sync_state`). An empty table
 * that looks like a queue misleads whoever reads the schema, so it goes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('outbox');
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
