import type { Knex } from 'knex';

/**
 * "Your shifts moved" (issue #13). `shift_notice_marks`: one row (`name` = 'moves') holding the last audit_log id the
 * notice job has seen and its batch counter, moved only by a conditional UPDATE, so two replicas never record one
 * change twice. `shift_notice_stretches`: per person, the duty stretches last made known to them (JSON
 * MemberStretches[], rotation/personMoves.ts) and the window end they were computed for. `shift_notices`: the outbox,
 * one row per batch and person (unique), its body the person's PersonMoves (JSON), with its delivery state
 * (`pending` → `claimed` → `sending` → `sent` | `undelivered` | `failed` (retried); `unknown` when a send was cut short;
 * `given-up` a week after the change; `expired` when every shift it lists is past), attempts and outcome. `shift_notice_settings`:
 * who said `notify moves off`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('shift_notice_marks', (t) => {
    t.string('name', 32).notNullable().primary();
    t.bigInteger('last_audit_id').notNullable();
    t.integer('batch').notNullable();
    t.bigInteger('run_at').notNullable();
    // JSON number[]: the audit ids already taken into account that are still inside the look-back (see KnexNoticeStore).
    t.text('seen').notNullable().defaultTo('[]');
  });
  // PostgreSQL hands out ids before commit, so a lower id can commit later: the job also reads recent rows by time.
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['at'], 'audit_log_at');
  });
  await knex.schema.createTable('shift_notice_stretches', (t) => {
    t.string('email', 320).notNullable().primary();
    t.text('stretches').notNullable(); // JSON: [{ member, rotation, stretches: [{ start, end }] }]
    t.bigInteger('window_end').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('shift_notices', (t) => {
    t.increments('id').primary();
    t.integer('batch').notNullable();
    t.string('member', 320).notNullable();
    t.text('moves').notNullable(); // JSON: PersonMove[]
    t.bigInteger('computed_at').notNullable();
    t.string('state', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('claimed_by', 200).nullable();
    t.bigInteger('claimed_at').nullable();
    t.text('outcome').nullable();
    t.bigInteger('sent_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['batch', 'member']);
    t.index(['state', 'updated_at']);
    t.index(['state', 'created_at']);
    t.index(['member', 'state']);
  });
  await knex.schema.createTable('shift_notice_settings', (t) => {
    t.string('email', 320).notNullable().primary();
    t.boolean('moves').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
