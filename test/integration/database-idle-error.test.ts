import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { postgresUrl } from '../support/test-database.js';

describe.skipIf(postgresUrl === undefined)('a pooled connection the server terminates', () => {
  it('is reported to onIdleError instead of ending the process, and the pool serves the next query', async () => {
    const errors: Error[] = [];
    const db = await openDatabase({
      url: postgresUrl,
      dataDir: '',
      poolMax: 1,
      onIdleError: (error) => errors.push(error),
    });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
      await admin.end();
      await expect.poll(() => errors.length).toBe(1);
      expect((errors[0] as Error & { code?: string }).code).toBe('57P01');
      const again = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
