import { openDatabase, type Knex } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadConfig, type DatabaseConfig } from './config.js';

/**
 * A command-line command's database: opened from DATABASE_URL, brought up to date (as `npm start` does), and
 * closed when the work is done, also when it fails.
 */
export async function withDatabase<T>(
  work: (db: Knex, migrated: string[]) => Promise<T>,
  database: DatabaseConfig = loadConfig().database,
): Promise<T> {
  const db = openDatabase(database);
  try {
    const { applied } = await migrateToLatest(db);
    return await work(db, applied);
  } finally {
    await db.destroy();
  }
}
