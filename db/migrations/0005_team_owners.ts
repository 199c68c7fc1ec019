import type { Knex } from 'knex';

/**
 * `team_owners`: the owners of each team a rotation names (`tag.team`, `channel.team`), as the Graph sync last read
 * them (`GET /groups/{id}/owners`). Team owners are admins of the rotations in their team; the bot reads them from
 * here, never from Graph, so answers stay fast.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('team_owners', (t) => {
    t.string('team_id', 64).notNullable(); // the team's group id
    t.string('user_id', 64).notNullable(); // Entra object id
    t.string('upn', 320).notNullable(); // lower case
    t.string('mail', 320).nullable(); // lower case; may differ from the UPN
    t.bigInteger('updated_at').notNullable();
    t.primary(['team_id', 'user_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
