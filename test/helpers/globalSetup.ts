import knexFactory from 'knex';

/** Says plainly whether the PostgreSQL suite runs, and fails fast when it was asked for but cannot connect. */
export default async function setup(): Promise<void> {
  const pg = process.env.ROTA_TEST_PG;
  if (!pg) {
    console.warn(
      '\n*** ROTA_TEST_PG is not set: the PostgreSQL suite was NOT run (only SQLite). ' +
        'Set ROTA_TEST_PG=postgres://postgres@127.0.0.1:5432/test to run it. ***\n',
    );
    return;
  }
  const db = knexFactory({ client: 'pg', connection: pg, pool: { min: 0, max: 1 } });
  try {
    await db.raw('select 1');
    console.warn(`\n*** PostgreSQL suite enabled (ROTA_TEST_PG) ***\n`);
  } catch (err) {
    throw new Error(`ROTA_TEST_PG is set but PostgreSQL does not answer: ${(err as Error).message}`);
  } finally {
    await db.destroy();
  }
}
