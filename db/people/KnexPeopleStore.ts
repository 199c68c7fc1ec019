import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { jsonColumn } from '../columns.js';
import type { ChangeContext } from '../types.js';
import type { PeopleStore, Person } from './PeopleStore.js';

type PersonRow = { email: string; aad_object_id: string | null; teams_id: string | null; display_name: string | null; reminders: boolean | number; reminder_leads: string | null };
const LeadsColumn = z.array(z.number().int().positive());

/** PeopleStore on knex: the `people` table, one row per e-mail (lower case). */
export class KnexPeopleStore implements PeopleStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexPeopleStore {
    return new KnexPeopleStore(db);
  }

  async personByAadId(aadObjectId: string): Promise<Person | undefined> {
    return toPerson(await this.db<PersonRow>('people').where({ aad_object_id: aadObjectId }).first());
  }

  async personByTeamsId(teamsId: string): Promise<Person | undefined> {
    return toPerson(await this.db<PersonRow>('people').where({ teams_id: teamsId }).first());
  }

  async people(emails: string[]): Promise<Map<string, Person>> {
    if (emails.length === 0) return new Map();
    const rows = await this.db<PersonRow>('people').whereIn('email', emails.map((e) => e.toLowerCase()));
    return new Map(rows.map((r) => [r.email, toPerson(r)!]));
  }

  async rememberPerson(p: Omit<Person, 'reminders'>, now: number): Promise<void> {
    const email = p.email.toLowerCase();
    await this.db.transaction(async (trx) => {
      if (p.aadObjectId) await trx('people').where({ aad_object_id: p.aadObjectId }).whereNot({ email }).update({ aad_object_id: null });
      if (p.teamsId) await trx('people').where({ teams_id: p.teamsId }).whereNot({ email }).update({ teams_id: null });
      const cols = { aad_object_id: p.aadObjectId ?? null, teams_id: p.teamsId ?? null, display_name: p.displayName ?? null, updated_at: now };
      await trx('people').insert({ email, ...cols }).onConflict('email').merge(cols);
    });
  }

  async setReminders(email: string, on: boolean, ctx: ChangeContext, leads?: number[]): Promise<void> {
    await this.db.transaction(async (trx) => {
      const cols = { reminders: on, updated_at: ctx.now, ...(on ? { reminder_leads: leads ? JSON.stringify(leads) : null } : {}) };
      await trx('people').insert({ email, ...cols }).onConflict('email').merge(cols);
      await appendAudit(trx, ctx, [{ action: on ? 'reminders.on' : 'reminders.off', detail: { email, ...(on ? { leads: leads ?? 'default' } : {}) } }]);
    });
  }
}

function toPerson(r: PersonRow | undefined): Person | undefined {
  if (!r) return undefined;
  return {
    email: r.email,
    ...(r.aad_object_id ? { aadObjectId: r.aad_object_id } : {}),
    ...(r.teams_id ? { teamsId: r.teams_id } : {}),
    ...(r.display_name ? { displayName: r.display_name } : {}),
    reminders: Boolean(r.reminders),
    ...(r.reminder_leads ? { reminderLeads: jsonColumn(LeadsColumn, r.reminder_leads, { table: 'people', column: 'reminder_leads', id: r.email }) } : {}),
  };
}
