import type { Knex } from 'knex';

/**
 * `webhook_deliveries`: the outbox of Rota's webhook posts. One row per event and webhook (`event_id` + `webhook`,
 * the primary key), so an event enqueued twice (two replicas, a retried tick) is delivered once. `webhook` is a hash
 * of the receiver's URL (a Power Automate URL carries its signature in the query, so the URL itself is not stored
 * here); `target` is its origin and path, for `rota status`. `state`: `pending` (waiting for `next_at`), `claimed`
 * (a replica is sending it; `claimed_by`, `updated_at`), `delivered`, `failed` (gave up after the last attempt) or
 * `dropped` (the webhook left the file). `payload` is the JSON body exactly as it is signed and sent.
 * `webhook_receivers`: when each webhook first appeared in an applied file (its `first_seen`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.string('event_id', 300).notNullable();
    t.string('webhook', 64).notNullable();
    t.string('target', 500).notNullable();
    t.string('event', 16).notNullable();
    t.string('rotation_id', 64).nullable();
    t.text('payload').notNullable();
    t.string('state', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_at').notNullable();
    t.string('claimed_by', 200).nullable();
    t.integer('last_status').nullable();
    t.text('last_error').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['event_id', 'webhook']);
    t.index(['state', 'next_at']);
  });
  // When each webhook (by the same hash) first appeared in an applied file: events from before it are not its own,
  // so the handoff catch-up never sends a new receiver the handoffs of the hours before it was added.
  await knex.schema.createTable('webhook_receivers', (t) => {
    t.string('webhook', 64).primary();
    t.bigInteger('first_seen').notNullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
