import { sql } from 'kysely';
import type { Config } from '../config/config.js';
import { type Database, embeddedDataDir, openDatabase } from '../db/database.js';
import { type MigrationReport, migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logger.js';

/** Where DATABASE_URL points, without its user or password. */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port === '' ? '5432' : parsed.port}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/** The server's own reason (ECONNREFUSED, ENOTFOUND, a SQLSTATE), never the URL. */
function reasonOf(error: unknown): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    errors?: unknown;
  };
  if (typeof fields.code === 'string') return fields.code;
  // Node reports a refused dual-stack connect as an AggregateError without a code of its own.
  const first = Array.isArray(fields.errors)
    ? (fields.errors[0] as { code?: unknown } | undefined)
    : undefined;
  return typeof first?.code === 'string' ? first.code : 'no answer';
}

/** A first query tells "cannot reach the server" (configuration) apart from a failed migration. */
async function reach(db: Database, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new AppError(
      'CONFIG_ERROR',
      `DATABASE_URL: cannot reach the database at ${serverOf(url)} (${reasonOf(error)}). ` +
        'Fix: start that server or correct DATABASE_URL (user, password, host, port, database); ' +
        'unset it to use the embedded database in ADENGINE_HOME',
      { cause: error },
    );
  }
}

/** Opens the configured database and applies pending migrations (start-up always does). */
export async function openMigratedDatabase(
  config: Config,
  logger: Logger,
): Promise<{ db: Database; migrations: MigrationReport }> {
  const url = config.database.url;
  let migrations: MigrationReport = { applied: [] };
  const db = await openDatabase({
    url,
    dataDir: embeddedDataDir(config.home),
    poolMax: config.database.poolMax,
    // The pool replaces a lost idle connection on next use; the process must not die of it.
    onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection failed'),
    // Embedded: runs in whichever process opens PGlite (now, or later on taking over the home).
    prepare: async (opened) => {
      if (url !== undefined) await reach(opened, url);
      const report = await migrateToLatest(opened);
      if (report.applied.length > 0) logger.info({ applied: report.applied }, 'migrations applied');
      migrations = report;
    },
    onOwned: ({ dataDir, ms, takeover }) =>
      logger.info(
        { dataDir, ms },
        takeover ? 'took over the embedded database' : 'opened the embedded database',
      ),
  });
  return { db, migrations };
}
