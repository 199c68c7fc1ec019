import type { Knex } from 'knex';

/**
 * `people.reminder_leads`: how long before each of their on-duty stretches a person wants a reminder, as a JSON
 * array of minutes (`remind 1d 2h` → [1440,120]). NULL means the default, one reminder 24 h ahead; `reminders`
 * still says whether they get any at all. No schema change for `bot_posts`, whose `state` is free text: a reminder
 * Rota cannot deliver now ends `undelivered` (the reason in `detail`) instead of staying `claimed`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.text('reminder_leads').nullable();
  });
}

export async function down(): Promise<void> {
  throw new Error('Rota migrations are forward-only; restore a backup to go back.');
}
