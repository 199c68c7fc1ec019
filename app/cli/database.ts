import { openDatabase, type Knex } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createStores, type Stores } from '../../db/stores.js';
import { CliError } from './cliError.js';
import { loadConfig, redactUrl, type DatabaseConfig } from '../root/config.js';
import { messageOf } from '../../rotation/messageOf.js';

/**
 * A command-line command's stores: the database opened from DATABASE_URL, brought up to date (as `npm start`
 * does), its stores built once, and closed when the work is done, also when it fails. A database that cannot be
 * reached is a CliError that names it.
 */
export async function withDatabase<T>(
  work: (stores: Stores, migrated: string[]) => Promise<T>,
  database: DatabaseConfig = loadConfig().database,
): Promise<T> {
  const db = await connect(database);
  try {
    const { applied } = await migrateToLatest(db);
    return await work(createStores(db), applied);
  } finally {
    await db.destroy();
  }
}

/** Opens the database and makes one round trip, so a wrong host, port or file fails here with its name. */
async function connect(database: DatabaseConfig): Promise<Knex> {
  let db: Knex | undefined;
  try {
    // knex would print each failed connection attempt to standard output, where `export` writes its file.
    db = openDatabase(database, { warn: () => undefined });
    await db.raw('select 1');
    return db;
  } catch (err) {
    await db?.destroy();
    throw unreachable(database, err);
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens on that host and port',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  '28P01': 'the password was refused',
  '28000': 'the user was refused',
  '3D000': 'no such database',
  SQLITE_CANTOPEN: 'the SQLite file cannot be opened (is the path a folder, or not writable?)',
  SQLITE_NOTADB: 'the file is not an SQLite database',
  EEXIST: 'a part of the path is a file, not a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

export function unreachable(database: DatabaseConfig, err: unknown): CliError {
  const where = database.client === 'sqlite' ? `sqlite:${database.filename}` : redactUrl(database.connectionString);
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
  // knex gives up after 60 s on a host that never answers, blaming its own pool: say what it means here.
  if (err instanceof Error && err.name === 'KnexTimeoutError') {
    return new CliError(`cannot use the database ${where} (DATABASE_URL): no answer within 60 s (is the host right, and does a firewall let the port through?)`);
  }
  const detail = messageOf(err);
  const reason = code !== undefined && REASONS[code] ? `${REASONS[code]} (${detail})` : detail;
  return new CliError(`cannot use the database ${where} (DATABASE_URL): ${reason}`);
}
