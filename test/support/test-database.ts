import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  db: Database;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

let template: Promise<string> | undefined;

/** Migrates one PGlite folder per process, then copies it (≈0.6 s) instead of migrating again (≈5 s). */
async function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'adengine-template-'));
    const db = await openDatabase({ url: undefined, dataDir: folder });
    await migrateToLatest(db);
    await db.destroy();
    return folder;
  })();
  return template;
}

export async function createPgliteDatabase(): Promise<TestDatabase> {
  const folder = await mkdtemp(path.join(tmpdir(), 'adengine-db-'));
  await cp(await pgliteTemplate(), folder, { recursive: true });
  const db = await openDatabase({ url: undefined, dataDir: folder });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the real server for each suite, dropped afterwards. */
export async function createPostgresDatabase(serverUrl: string, poolMax = 40): Promise<TestDatabase> {
  const name = `adengine_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await onServer(serverUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), dataDir: '', poolMax });
  const close = async () => {
    await db.destroy();
    await dropDatabase(serverUrl, name);
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, engine: 'postgres', close };
}

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

const closeDeadlineMs = 15_000;

/**
 * pg-pool's end() resolves once it has *asked* each client to quit, not once the sockets are
 * closed (brianc/node-postgres#2328). Dropping WITH (FORCE) at that moment kills backends that
 * have not read their Terminate yet; each answers FATAL 57P01 to a client whose pool has no
 * 'error' listener, and vitest reports them as uncaught. So wait for the server to see every
 * backend gone; a connection still open after the deadline is a leak, reported by name.
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const leaked = await onServer(serverUrl, async (admin) => {
    const deadline = Date.now() + closeDeadlineMs;
    let open = await connectionsTo(admin, name);
    while (open.length > 0 && Date.now() < deadline) {
      await delay(25);
      open = await connectionsTo(admin, name);
    }
    // FORCE only matters when something leaked; the suite still fails below, but the server stays clean.
    await admin.query(`drop database if exists ${name} with (force)`);
    return open;
  });
  if (leaked.length > 0) {
    throw new Error(
      `${leaked.length} connection(s) to ${name} were still open ${closeDeadlineMs} ms after its pool closed ` +
        `(${leaked.join('; ')}); destroy every Kysely instance or pg pool opened on it before close()`,
    );
  }
}

async function connectionsTo(admin: pg.Client, name: string): Promise<string[]> {
  const { rows } = await admin.query<{ pid: number; state: string | null; query: string }>(
    'select pid, state, query from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [name],
  );
  return rows.map((row) => `pid ${row.pid} ${row.state ?? 'unknown'}: ${row.query.slice(0, 80)}`);
}

export const postgresUrl = process.env.TEST_DATABASE_URL;

/** The engines a repository suite runs on: PGlite always, the real server when TEST_DATABASE_URL is set. */
export const engines: Array<{ name: 'pglite' | 'postgres'; create: () => Promise<TestDatabase> }> = [
  { name: 'pglite', create: createPgliteDatabase },
  ...(postgresUrl === undefined
    ? []
    : [{ name: 'postgres' as const, create: () => createPostgresDatabase(postgresUrl) }]),
];
