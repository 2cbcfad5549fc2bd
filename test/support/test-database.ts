import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), dataDir: '', poolMax });
  await migrateToLatest(db);
  return {
    db,
    engine: 'postgres',
    close: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const postgresUrl = process.env.TEST_DATABASE_URL;

/** The engines a repository suite runs on: PGlite always, the real server when TEST_DATABASE_URL is set. */
export const engines: Array<{ name: 'pglite' | 'postgres'; create: () => Promise<TestDatabase> }> = [
  { name: 'pglite', create: createPgliteDatabase },
  ...(postgresUrl === undefined
    ? []
    : [{ name: 'postgres' as const, create: () => createPostgresDatabase(postgresUrl) }]),
];
