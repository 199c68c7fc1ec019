import type { Knex } from 'knex';

/**
 * What the Teams bot needs beyond the first schema:
 * - `people`: the identity cache (AAD object id, Teams id, display name) for everyone who talks to Rota, members or
 *   not, and their reminder preference;
 * - `bot_posts`: every proactive post (handoff, reminder) keyed by what it is about, so it happens exactly once
 *   even across restarts and replicas, and so its card can be updated in place later.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('people', (t) => {
    t.string('email', 320).primary(); // lower case: the identity rotation files use
    t.string('aad_object_id', 64).nullable().unique();
    t.string('teams_id', 200).nullable().unique();
    t.string('display_name', 200).nullable();
    t.boolean('reminders').notNullable().defaultTo(true);
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('bot_posts', (t) => {
    t.string('key', 300).primary(); // e.g. handoff:ops:1767610800000
    t.string('kind', 32).notNullable(); // handoff | remind
    t.string('rotation_id', 64).nullable();
    t.string('state', 16).notNullable(); // claimed | posted | failed
    t.string('claimed_by', 200).notNullable();
    t.string('conversation_id', 300).nullable();
    t.string('activity_id', 300).nullable();
    t.text('detail').notNullable().defaultTo('{}'); // JSON: what the card shows
    t.string('acked_by', 320).nullable();
    t.bigInteger('acked_at').nullable();
    t.bigInteger('followed_up_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['kind', 'state']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
