import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openDatabase, type DatabaseConfig, type Knex } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';

export interface TestDatabase {
  engine: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  /** A DATABASE_URL naming this database, for tests that start the real process. */
  url: string;
  db: Knex;
  destroy(): Promise<void>;
}

/** The engines this run covers: SQLite always, PostgreSQL when ROTA_TEST_PG names one. */
export const ENGINES: Array<'sqlite' | 'postgres'> = process.env.ROTA_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, migrated database: a new SQLite file, or a new PostgreSQL schema dropped afterwards. */
export async function freshDatabase(engine: 'sqlite' | 'postgres', migrate = true): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-test-'));
    const filename = path.join(dir, 'rota.sqlite');
    const config: DatabaseConfig = { client: 'sqlite', filename };
    const db = openDatabase(config);
    if (migrate) await migrateToLatest(db);
    return {
      engine,
      config,
      url: `sqlite:${filename}`,
      db,
      destroy: async () => {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.ROTA_TEST_PG;
  if (!base) throw new Error('ROTA_TEST_PG is not set');
  const schema = `rota_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  await admin.destroy();
  const config: DatabaseConfig = { client: 'pg', connectionString: base, searchPath: schema };
  const db = openDatabase(config);
  if (migrate) await migrateToLatest(db);
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    engine,
    config,
    url: url.toString(),
    db,
    destroy: async () => {
      await db.destroy();
      const cleanup = knexFactory({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
      await cleanup.raw(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.destroy();
    },
  };
}
