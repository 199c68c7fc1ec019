import type { Knex } from 'knex';
import { z } from 'zod';
import { column } from '../columns.js';
import type { Installation, InstallationStore } from './InstallationStore.js';

interface Row {
  email: string;
  object_id: string | null;
  state: string;
  detail: string | null;
  checked_at: number | string;
}

const State = z.enum(['installed', 'already-installed', 'failed', 'unresolved']);

/** InstallationStore on knex: `app_installations`, one row per person. */
export class KnexInstallationStore implements InstallationStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexInstallationStore {
    return new KnexInstallationStore(db);
  }

  async record(outcomes: Installation[]): Promise<void> {
    if (outcomes.length === 0) return;
    const rows = [...new Map(outcomes.map((o) => [o.email.toLowerCase(), o])).values()].map((o) => ({
      email: o.email.toLowerCase(),
      object_id: o.objectId ?? null,
      state: o.state,
      detail: o.detail ?? null,
      checked_at: o.checkedAt,
    }));
    // ON CONFLICT … MERGE is the same statement on SQLite and PostgreSQL.
    await this.db('app_installations').insert(rows).onConflict('email').merge();
  }

  async keepOnly(emails: string[]): Promise<void> {
    const q = this.db('app_installations');
    if (emails.length) q.whereNotIn('email', emails.map((e) => e.toLowerCase()));
    await q.delete();
  }

  async installations(): Promise<Installation[]> {
    return (await this.db<Row>('app_installations').orderBy('email')).map(toInstallation);
  }

  async unreachable(): Promise<Installation[]> {
    return (await this.db<Row>('app_installations').whereIn('state', ['failed', 'unresolved']).orderBy('email')).map(toInstallation);
  }
}

function toInstallation(r: Row): Installation {
  return {
    email: r.email,
    ...(r.object_id ? { objectId: r.object_id } : {}),
    state: column(State, r.state, { table: 'app_installations', column: 'state', id: r.email }),
    ...(r.detail ? { detail: r.detail } : {}),
    checkedAt: Number(r.checked_at),
  };
}
