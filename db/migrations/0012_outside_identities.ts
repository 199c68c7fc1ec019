import type { Knex } from 'knex';

/**
 * `outside_identities`: what the Graph sync resolved for people in no roster, such as a colleague from another team
 * who covers a shift. Roster members keep their identity on their `members` rows; a cover by anyone has no such row,
 * so without this table such a person would be looked up in Graph on every run and never @mentioned in chat.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outside_identities', (t) => {
    t.string('email', 320).primary(); // lower case: the address the override names
    t.string('aad_object_id', 64).notNullable();
    t.string('display_name', 200).nullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
