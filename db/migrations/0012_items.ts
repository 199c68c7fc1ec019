import type { Knex } from 'knex';

/**
 * Open items (issue #12): `items`, numbered once across every rotation (`n`, an autoincrement that is never reused:
 * "item done 12" must never reach another item), their history in `item_events`, the take-over requests a holder
 * answers on a card (`item_requests`), and `item_handoffs`: one row per handoff post whose items were passed, so a
 * restart or a second replica never passes them twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('items', (t) => {
    t.increments('n').primary();
    t.string('rotation_id', 64).notNullable();
    t.string('kind', 16).notNullable(); // item | escalation
    t.text('text').notNullable();
    t.string('holder', 320).notNullable();
    t.string('opened_by', 320).notNullable();
    t.bigInteger('opened_at').notNullable();
    t.text('escalated_to').notNullable(); // JSON array of e-mails; [] for a plain item
    t.string('awaiting_key', 200).nullable(); // the handoff post that passed it, until the incoming person accepts
    t.string('closed_by', 320).nullable();
    t.bigInteger('closed_at').nullable();
    t.text('close_note').nullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['rotation_id', 'closed_at']);
  });
  await knex.schema.createTable('item_events', (t) => {
    t.increments('id').primary();
    t.integer('item_n').notNullable();
    t.string('rotation_id', 64).notNullable();
    t.string('kind', 16).notNullable(); // opened | assigned | taken | passed | accepted | closed
    t.string('actor', 320).notNullable();
    t.string('from_holder', 320).nullable();
    t.string('to_holder', 320).nullable();
    t.string('handoff_key', 200).nullable();
    t.text('note').nullable();
    t.bigInteger('at').notNullable();
    t.index(['item_n']);
    t.index(['rotation_id', 'at']);
  });
  await knex.schema.createTable('item_requests', (t) => {
    t.string('id', 64).notNullable().primary();
    t.integer('item_n').notNullable();
    t.string('requester', 320).notNullable();
    t.string('holder', 320).notNullable(); // the holder asked; the move is conditional on them still holding it
    t.string('state', 16).notNullable(); // asked | accepted | declined | stale
    t.bigInteger('created_at').notNullable();
    t.bigInteger('decided_at').nullable();
  });
  await knex.schema.createTable('item_handoffs', (t) => {
    t.string('key', 200).notNullable().primary();
    t.bigInteger('at').notNullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
