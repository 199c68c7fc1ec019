import type { Knex } from 'knex';

/**
 * `app_installations`: what the sync last found or did about Rota's personal-scope installation for each rotation
 * member it must be able to message 1:1 (Graph's proactive installation, POST /users/{id}/teamwork/installedApps).
 * One row per person (e-mail / UPN, lower case); `state` is free text checked by the store: `installed`,
 * `already-installed`, `failed` or `unresolved`, with the reason in `detail`. `rota status` lists the last two.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('app_installations', (t) => {
    t.string('email', 320).notNullable().primary(); // lower case
    t.string('object_id', 64).nullable(); // Entra object id, when resolved
    t.string('state', 32).notNullable();
    t.text('detail').nullable();
    t.bigInteger('checked_at').notNullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
