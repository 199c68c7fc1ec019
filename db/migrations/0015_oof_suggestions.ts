import type { Knex } from 'knex';

/**
 * Out-of-office suggestions (issue #13): one row per member and Outlook out-of-office block (its exact start and
 * end; a block whose dates change is another row, so another question). `state` is the question's: new (found,
 * not yet asked), asked (the card reached them), accepted (recorded as time off), declined (never asked again),
 * expired (the block ended or left their calendar unanswered). `post` is the card's delivery: none, claimed (by
 * `claimed_by`, while it is sent), posted (to `conversation_id`/`activity_id`, updated in place on an answer) or
 * undelivered (with `note`, tried again every 15 minutes and when they next write to Rota).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('oof_suggestions', (t) => {
    t.string('id', 64).notNullable().primary();
    t.string('member', 320).notNullable();
    t.bigInteger('block_start').notNullable();
    t.bigInteger('block_end').notNullable();
    t.string('rotation_id', 64).notNullable();
    t.text('detail').notNullable(); // JSON: the first shift it covers, the zone, how many more
    t.string('state', 16).notNullable();
    t.string('post', 16).notNullable();
    t.string('claimed_by', 200).nullable();
    t.string('conversation_id', 400).nullable();
    t.string('activity_id', 200).nullable();
    t.text('note').nullable();
    t.bigInteger('answered_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['member', 'block_start', 'block_end']);
    t.index(['state', 'post']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
