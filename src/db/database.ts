import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Tables } from './tables.js';

export type Database = Kysely<Tables>;

export interface DatabaseOptions {
  /** `postgres://…`; undefined means embedded PGlite in `dataDir`. */
  url: string | undefined;
  /** Folder for PGlite; `memory://` keeps it in memory. */
  dataDir: string;
  poolMax?: number;
  /**
   * Told when an idle pooled connection fails (a server restart, a failover, an administrator's
   * terminate); without a listener such an error would end the process.
   */
  onIdleError?: (error: Error) => void;
  /**
   * Readies the database before anyone uses it (migrations). With a URL it runs once here; for the
   * embedded database it runs in whichever process opens PGlite: at start, or on taking over a home
   * whose owner stopped, before other processes are served.
   */
  prepare?: (db: Database) => Promise<void>;
  /** Told when this process opened the embedded database (first, or on taking over). */
  onOwned?: (info: { dataDir: string; ms: number; takeover: boolean }) => void;
}

const int8 = 20;
const numeric = 1700;

/** The only place that knows which engine runs; everything else sees a Kysely<Tables>. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url !== undefined) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax ?? 20,
      // Idle connections retire one by one rather than in a burst (see notes on pg-pool).
      idleTimeoutMillis: 60_000,
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === int8 || oid === numeric ? Number : pg.types.getTypeParser(oid, format),
      },
    });
    pool.on('error', (error) => options.onIdleError?.(error));
    return prepared(new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), options.prepare);
  }
  if (options.dataDir.startsWith('memory://')) {
    const { openPglite } = await import('./embedded/open-pglite.js');
    const { PreparedPGliteDialect } = await import('./embedded/prepared-pglite-dialect.js');
    const pglite = await openPglite(options.dataDir);
    return prepared(new Kysely<Tables>({ dialect: new PreparedPGliteDialect(pglite) }), options.prepare);
  }
  // A folder is shared by every process of the home: one owns PGlite, the others reach it.
  const { HomeDialect } = await import('./embedded/home-dialect.js');
  const db = new Kysely<Tables>({
    dialect: new HomeDialect({
      dataDir: options.dataDir,
      ...(options.prepare === undefined ? {} : { prepare: options.prepare }),
      ...(options.onOwned === undefined ? {} : { onOwned: options.onOwned }),
    }),
  });
  try {
    // Reaches the owner or becomes it now, so a failure shows at open rather than at first use.
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return db;
}

async function prepared(db: Database, prepare: DatabaseOptions['prepare']): Promise<Database> {
  try {
    await prepare?.(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return db;
}

export { embeddedDataDir } from './embedded-data-dir.js';
