import type { Knex } from 'knex';

/**
 * `identities`: who each address a rotation names is in Entra, as the Graph sync resolved it (by UPN, else mail,
 * else proxy address). The object id is the one identity; the UPN and mail Graph gave are kept beside it as aliases,
 * so a chat account is matched by its aadObjectId even after the tenant renames the UPN. One row per address (lower
 * case), also for people in no rotation (an outsider covering a shift); the reverse look-up goes by `object_id`.
 * The cache used to live on `members` (`aad_object_id`, `display_name`, per rotation): it is copied over, and those
 * columns are no longer written by the sync.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('identities', (t) => {
    t.string('address', 320).primary(); // lower case: the address the rotation file uses
    t.string('object_id', 64).notNullable();
    t.string('display_name', 200).nullable();
    t.string('upn', 320).nullable(); // lower case
    t.string('mail', 320).nullable(); // lower case
    t.bigInteger('updated_at').notNullable();
    t.index(['object_id']);
  });
  await knex.raw(
    `INSERT INTO identities (address, object_id, display_name, updated_at)
     SELECT email, MAX(aad_object_id), MAX(display_name), 0 FROM members WHERE aad_object_id IS NOT NULL GROUP BY email`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
