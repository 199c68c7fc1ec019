import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

export type { Knex };

/** Which database to open: an SQLite file, or a PostgreSQL server (optionally one schema in it). */
export type DatabaseConfig =
  | { client: 'sqlite'; filename: string }
  | { client: 'pg'; connectionString: string; searchPath?: string };

// Instants are stored as BIGINT epoch milliseconds; they fit a JavaScript number exactly
// (up to year 287,396), so read int8 as a number rather than pg's default string.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens the database named by the configuration; the SQLite file and its folder are created on first use. */
export function openDatabase(config: DatabaseConfig, log?: Knex.Logger): Knex {
  if (config.client === 'sqlite') {
    fs.mkdirSync(path.dirname(config.filename), { recursive: true });
    return knexFactory({
      ...(log ? { log } : {}),
      client: 'better-sqlite3',
      connection: { filename: config.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          // WAL keeps readers and the writer apart; foreign keys are off by default in SQLite.
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          conn.pragma('synchronous = NORMAL');
          done(null, conn);
        },
      },
    });
  }
  return knexFactory({
    ...(log ? { log } : {}),
    client: 'pg',
    connection: { connectionString: config.connectionString },
    ...(config.searchPath ? { searchPath: [config.searchPath] } : {}),
    pool: { min: 0, max: 10 },
  });
}

/** A cheap round trip that proves the database answers, bounded so /healthz never hangs. */
export async function pingDatabase(db: Knex, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.raw('select 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
