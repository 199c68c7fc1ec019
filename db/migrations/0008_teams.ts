import type { Knex } from 'knex';

/**
 * `teams`: the two ids of each team Rota has learned. Graph names a team by its Microsoft 365 group GUID; Teams and
 * the Bot Connector by its thread id ("19:…@thread.tacv2"). Rota learns the pair from its install in a team
 * (`channelData.team.id` and `aadGroupId`) or from Graph (`GET /teams/{group-id}` answers `internalId`), and keeps
 * it: a rotation file may name its team either way.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('teams', (t) => {
    t.string('group_id', 64).notNullable().primary(); // lower case
    t.string('thread_id', 255).notNullable().unique();
    t.string('learned_from', 16).notNullable(); // 'teams' (install, team details) or 'graph'
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
