import type { Knex } from 'knex';

/**
 * `duty_runs`: one row per duty occurrence Rota has dealt with, keyed by the occurrence's key
 * (`duty:<rotation>:<dutyId>:<YYYY-MM-DD>`, rotation/duties.ts), so the unique key makes the send exactly-once
 * across restarts and replicas. `state` is the delivery (`claimed` → `posted` | `undelivered`; `missed`: never sent,
 * Rota was down past the catch-up window); `answer` is what a person did on the card (`done`, `skipped` with
 * `reason`), written once; `snoozed_until` is set while the card is snoozed and cleared when it comes back.
 * `assignees` and `copies` are JSON: who the card went to, and every copy Rota posted (to update them in place).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('duty_runs', (t) => {
    t.string('key', 300).notNullable().primary();
    t.string('rotation_id', 64).notNullable();
    t.bigInteger('due_at').notNullable();
    t.string('state', 16).notNullable();
    t.boolean('late').notNullable().defaultTo(false);
    t.text('assignees').notNullable(); // JSON: e-mail addresses
    t.text('copies').notNullable(); // JSON: [{ via, conversationId, activityId }]
    t.text('detail').notNullable(); // JSON: what the card shows (app/usecases/dutyCards.ts DutyCardData)
    t.text('note').nullable(); // why undelivered or missed
    t.string('claimed_by', 200).nullable();
    t.string('answer', 16).nullable();
    t.string('actor', 320).nullable();
    t.bigInteger('acted_at').nullable();
    t.text('reason').nullable();
    t.bigInteger('snoozed_until').nullable();
    t.string('snoozed_by', 320).nullable();
    t.bigInteger('snoozed_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['rotation_id', 'due_at']);
    t.index(['state', 'updated_at']);
    t.index(['snoozed_until']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
