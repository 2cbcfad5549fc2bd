import pg from 'pg';

/** Where this machine's (and CI's) PostgreSQL answers, if anyone set nothing else. */
export const localPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The real-Postgres suites run when TEST_DATABASE_URL names a server. Unset, `npm test` looks for
 * the local one at the documented address and uses it when it answers within a second; with no
 * server at all those suites are reported skipped (README, "Tests").
 */
export async function findTestDatabase(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.TEST_DATABASE_URL !== undefined && env.TEST_DATABASE_URL !== '') return env.TEST_DATABASE_URL;
  const client = new pg.Client({ connectionString: localPostgresUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return localPostgresUrl;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
