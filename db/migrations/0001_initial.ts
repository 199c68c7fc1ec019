import type { Knex } from 'knex';

/**
 * The first schema. Instants are BIGINT epoch milliseconds (UTC); local dates and times stay text in the
 * rotation's definition, because they mean something only together with the rotation's zone.
 */
export async function up(knex: Knex): Promise<void> {
  const pgsql = knex.client.config.client === 'pg';

  await knex.schema.createTable('rotations', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.string('timezone', 64).notNullable();
    t.string('every', 16).notNullable(); // shift length: "1w", "3d"
    t.string('handoff', 16).notNullable(); // "Mon 12:00" or "09:00"
    t.integer('on_duty').notNullable().defaultTo(1);
    t.string('start_date', 10).notNullable(); // local date of the first handoff
    t.text('rules').notNullable().defaultTo('{}'); // JSON: days, hours, avoid, escalation, holidays, tag, calendar, channel, admins
    t.string('origin', 16).notNullable().defaultTo('file'); // file | chat
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('archived_at').nullable();
  });

  // Each edit of a rotation's definition ends the current version and starts a new one at an instant,
  // so shifts that have started are never rewritten (Grafana OnCall's model).
  await knex.schema.createTable('rotation_versions', (t) => {
    t.increments('id').primary();
    t.string('rotation_id', 64).notNullable().references('rotations.id').onDelete('CASCADE');
    t.bigInteger('effective_from').notNullable(); // epoch ms; the first version uses the minimum
    t.text('definition').notNullable(); // JSON of the rotation as in the rotation file
    t.bigInteger('created_at').notNullable();
    t.unique(['rotation_id', 'effective_from']);
  });

  await knex.schema.createTable('members', (t) => {
    t.string('rotation_id', 64).notNullable().references('rotations.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('email', 320).notNullable(); // email / UPN, lower case: the identity rotation files use
    t.string('aad_object_id', 64).nullable();
    t.string('teams_id', 200).nullable();
    t.string('display_name', 200).nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.primary(['rotation_id', 'email']);
  });

  await knex.schema.createTable('overrides', (t) => {
    t.string('id', 64).primary();
    t.string('rotation_id', 64).notNullable().references('rotations.id').onDelete('CASCADE');
    t.bigInteger('start_at').notNullable();
    t.bigInteger('end_at').notNullable();
    t.string('member', 320).notNullable();
    t.string('replaces', 320).nullable();
    t.string('origin', 16).notNullable(); // file | chat | swap
    t.string('swap_id', 64).nullable();
    t.string('created_by', 320).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('cancelled_at').nullable();
    t.index(['rotation_id', 'start_at']);
  });

  await knex.schema.createTable('swaps', (t) => {
    t.string('id', 64).primary();
    t.string('rotation_id', 64).notNullable().references('rotations.id').onDelete('CASCADE');
    t.string('proposer', 320).notNullable();
    t.string('counterpart', 320).notNullable();
    t.bigInteger('proposer_shift_start').notNullable();
    t.bigInteger('counterpart_shift_start').nullable();
    t.enu('state', ['proposed', 'accepted', 'declined', 'cancelled', 'expired']).notNullable().defaultTo('proposed');
    t.bigInteger('expires_at').notNullable();
    t.text('cards').notNullable().defaultTo('{}'); // JSON: activity ids of the cards to update in place
    t.bigInteger('created_at').notNullable();
    t.bigInteger('decided_at').nullable();
    t.index(['rotation_id', 'state']);
  });
  await knex.schema.createTable('time_off', (t) => {
    t.string('id', 64).primary();
    t.string('member', 320).notNullable();
    t.bigInteger('start_at').notNullable();
    t.bigInteger('end_at').notNullable();
    t.text('spec').notNullable(); // JSON: the from/to as written (date or date-time), for export
    t.string('origin', 16).notNullable(); // file | chat
    t.string('note', 500).nullable();
    t.string('created_by', 320).notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['member', 'start_at']);
  });

  await knex.schema.createTable('handover_notes', (t) => {
    t.increments('id').primary();
    t.string('rotation_id', 64).notNullable().references('rotations.id').onDelete('CASCADE');
    t.bigInteger('shift_start').notNullable();
    t.string('author', 320).notNullable();
    t.text('notes').notNullable().defaultTo('');
    t.text('open_items').notNullable().defaultTo('[]'); // JSON array of strings
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['rotation_id', 'shift_start']);
  });

  await knex.schema.createTable('conversation_refs', (t) => {
    t.string('conversation_id', 300).primary();
    t.string('kind', 16).notNullable(); // personal | groupChat | channel
    t.string('team_id', 300).nullable();
    t.string('tenant_id', 64).nullable();
    t.string('user_email', 320).nullable(); // personal chats: whose chat this is
    t.text('reference').notNullable(); // JSON ConversationReference for continueConversation
    t.bigInteger('updated_at').notNullable();
  });

  // What Rota last wrote to each remote target, with the remote ids, so a reconcile writes only the difference.
  await knex.schema.createTable('sync_state', (t) => {
    t.increments('id').primary();
    t.string('rotation_id', 64).notNullable();
    t.string('target', 16).notNullable(); // tag | event
    t.string('key', 200).notNullable(); // tag name, or the segment start for an event
    t.string('remote_id', 300).nullable();
    t.text('written').notNullable().defaultTo('{}'); // JSON of what was written
    t.bigInteger('synced_at').nullable();
    t.text('last_error').nullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['rotation_id', 'target', 'key']);
  });

  await knex.schema.createTable('outbox', (t) => {
    t.increments('id').primary();
    t.string('idempotency_key', 300).notNullable().unique();
    t.string('kind', 32).notNullable();
    t.text('payload').notNullable();
    t.enu('state', ['pending', 'done', 'failed']).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable();
    t.text('last_error').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['state', 'next_attempt_at']);
  });

  // File-wide settings that belong to no rotation (the default zone, the global admins).
  await knex.schema.createTable('settings', (t) => {
    t.string('key', 100).primary();
    t.text('value').notNullable(); // JSON
    t.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('at').notNullable();
    t.string('actor', 320).notNullable();
    t.string('source', 16).notNullable(); // cli | chat | file | system
    t.string('action', 64).notNullable();
    t.string('rotation_id', 64).nullable();
    t.text('detail').notNullable().defaultTo('{}');
    t.index(['rotation_id', 'at']);
  });

  // Append-only in the database itself, not just by convention.
  if (pgsql) {
    await knex.raw(`CREATE FUNCTION rota_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await knex.raw(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION rota_audit_log_append_only()`);
  } else {
    await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
    await knex.raw(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
  }
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
