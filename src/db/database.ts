import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
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
    return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  const pglite = new PGlite(options.dataDir, { parsers: { [int8]: Number, [numeric]: Number } });
  await pglite.waitReady;
  return new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }) });
}

export function embeddedDataDir(home: string): string {
  return path.join(home, 'pgdata');
}
