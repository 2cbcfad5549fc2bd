import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startHoldSweeper } from '../../src/credits/hold-sweeper.js';
import { CreditLedger } from '../../src/credits/ledger.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { verifyInvariants } from '../support/ledger-invariants.js';
import { insertUsers } from '../support/ledger-users.js';
import { createPostgresDatabase, postgresUrl, type TestDatabase } from '../support/test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const childScript = path.join(root, 'test/support/credit-crash-child.ts');
const ttlSeconds = 60;

/** Starts the child and resolves with its reservation id once it has reserved. */
function reserveInChild(target: string, userId: string): { child: ChildProcess; reserved: Promise<string> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childScript, target, userId, '12', String(ttlSeconds)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const reserved = new Promise<string>((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line !== undefined) resolve((JSON.parse(line) as { reservationId: string }).reservationId);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before reserving: ${errors}`)),
    );
  });
  return { child, reserved };
}

function killed(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    child.once('exit', (_code, signal) => resolve(signal));
    child.kill('SIGKILL');
  });
}

interface Engine {
  /** Prepares a funded user; `target` is what the child opens. */
  setUp(): Promise<{ db: Database; target: string }>;
  /** PGlite folders take one process at a time: the parent steps aside while the child runs. */
  handOver(db: Database): Promise<void>;
  takeBack(target: string, db: Database): Promise<Database>;
  tearDown(db: Database): Promise<void>;
}

const pgliteEngine = (): Engine => {
  let folder = '';
  return {
    async setUp() {
      folder = await mkdtemp(path.join(tmpdir(), 'adengine-crash-'));
      const db = await openDatabase({ url: undefined, dataDir: folder });
      await migrateToLatest(db);
      return { db, target: folder };
    },
    handOver: (db) => db.destroy(),
    takeBack: (target) => openDatabase({ url: undefined, dataDir: target }),
    async tearDown(db) {
      await db.destroy();
      await rm(folder, { recursive: true, force: true });
    },
  };
};

const postgresEngine = (): Engine => {
  let database: TestDatabase | undefined;
  return {
    async setUp() {
      database = await createPostgresDatabase(postgresUrl!, 5);
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
      const url = new URL(postgresUrl!);
      url.pathname = `/${rows[0]!.name}`;
      return { db: database.db, target: url.toString() };
    },
    handOver: async () => {},
    takeBack: async (_target, db) => db,
    tearDown: async () => database?.close(),
  };
};

const crashEngines = [
  { name: 'pglite', engine: pgliteEngine },
  ...(postgresUrl === undefined ? [] : [{ name: 'postgres', engine: postgresEngine }]),
];

describe.each(crashEngines)('a call killed between reserve and capture ($name)', ({ engine: makeEngine }) => {
  const engine = makeEngine();
  let db: Database | undefined;
  afterAll(async () => {
    if (db !== undefined) await engine.tearDown(db);
  });

  it('loses no credits once the sweeper has run past the hold’s TTL', async () => {
    const setUp = await engine.setUp();
    db = setUp.db;
    const userId = randomUUID();
    await insertUsers(db, [userId]);
    const parentLedger = new CreditLedger({ db, holdTtlSeconds: ttlSeconds });
    await parentLedger.openAccount(userId);
    await parentLedger.grant({ userId, amount: 20, reason: 'before the crash' });

    await engine.handOver(db);
    db = undefined;
    const { child, reserved } = reserveInChild(setUp.target, userId);
    const reservationId = await reserved;
    expect(await killed(child)).toBe('SIGKILL');
    db = await engine.takeBack(setUp.target, setUp.db);

    // The hold outlived its process: the credits are still promised to a call that will never finish.
    const afterCrash = new CreditLedger({ db, holdTtlSeconds: ttlSeconds });
    expect(await afterCrash.balance(userId)).toEqual({ balance: 20, held: 12, available: 8 });

    const pastTtl = () => new Date(Date.now() + (ttlSeconds + 1) * 1000);
    const ledger = new CreditLedger({ db, now: pastTtl, holdTtlSeconds: ttlSeconds });
    // The sweeper reports each sweep that expired something: wait for that report.
    let reportSweep: (expired: number) => void = () => {};
    const swept = new Promise<number>((resolve) => {
      reportSweep = resolve;
    });
    const sweeper = startHoldSweeper({
      ledger,
      intervalMs: 10,
      logger: {
        info: (fields: { expired: number }) => reportSweep(fields.expired),
        error: () => {},
      } as never,
    });
    try {
      expect(await swept).toBe(1);
    } finally {
      await sweeper.stop();
    }

    expect(await ledger.balance(userId)).toEqual({ balance: 20, held: 0, available: 20 });
    const reservation = await db
      .selectFrom('credit_reservations')
      .selectAll()
      .where('id', '=', reservationId)
      .executeTakeFirstOrThrow();
    expect(reservation.status).toBe('expired');
    // Were the process to come back, its late capture is refused rather than charged.
    await expect(ledger.capture({ reservationId, amount: 12 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await ledger.history(userId, { limit: 10 })).toHaveLength(1);
    expect(await verifyInvariants(db)).toEqual([]);
    // PGlite migrates a fresh folder (no shared template to copy) and two processes start: seconds, not ms.
  }, 180_000);
});
