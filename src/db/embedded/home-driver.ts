import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  Kysely,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { AppError } from '../../errors/app-error.js';
import type { Tables } from '../tables.js';
import { EmbeddedEngine, type EngineTransaction } from './embedded-engine.js';
import { forgetOwner, type HomePaths, homePaths, reachOrClaim } from './home-lock.js';
import { type OwnerClient, OwnerLost } from './owner-client.js';
import { OwnerServer } from './owner-server.js';
import type { WriteOutcome } from './wire.js';

export interface HomeDriverOptions {
  dataDir: string;
  /** Run on the engine by whichever process opens it (first start or takeover), before it serves. */
  prepare?: (db: Kysely<Tables>) => Promise<void>;
  /** Told when this process opened the engine, and how long that took. */
  onOwned?: (info: { dataDir: string; ms: number; takeover: boolean }) => void;
  /** How long to keep trying to reach or become the owner. */
  reachTimeoutMs?: number;
  /** How long a closing owner waits for other processes' running work. */
  closeGraceMs?: number;
}

/** The engine, local or over the owner's socket, as the connections see it. */
interface Route {
  kind: 'local' | 'remote';
  usable(): boolean;
  execute(query: CompiledQuery, key?: string): Promise<QueryResult<unknown>>;
  outcome(key: string): Promise<WriteOutcome>;
  begin(settings: TransactionSettings): Promise<EngineTransaction>;
  close(): Promise<void>;
}

function ownerStopped(during: string): AppError {
  return new AppError(
    'UNAVAILABLE',
    `the process holding the embedded database stopped during ${during}; nothing of it was applied. Fix: try again`,
    { retryable: true, details: { applied: false } },
  );
}

/**
 * A Kysely driver over one embedded database shared by every process of a home. The process that
 * holds the home's lock runs PGlite; the others send it their queries. When the owner goes away,
 * the next query reaches the new owner or makes this process the owner. A write whose answer was
 * lost with its owner is looked up by key before it is sent again, so it is applied exactly once.
 */
export class HomeDriver implements Driver {
  private readonly paths: HomePaths;
  private route: Promise<Route> | undefined;
  private everOwned = false;
  private destroyed = false;

  constructor(private readonly options: HomeDriverOptions) {
    this.paths = homePaths(options.dataDir);
  }

  async init(): Promise<void> {
    await this.current();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new HomeConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await (connection as HomeConnection).begin(settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as HomeConnection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as HomeConnection).rollback();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.destroyed = true;
    const route = await this.route?.catch(() => undefined);
    this.route = undefined;
    await route?.close();
  }

  /** The route to use now: the one in hand while it works, else the owner's (reached or claimed). */
  async current(): Promise<Route> {
    for (;;) {
      if (this.destroyed) throw new AppError('UNAVAILABLE', 'the database is closed');
      const pending = this.route ?? this.establish();
      this.route = pending;
      const route = await pending.catch((error: unknown) => {
        if (this.route === pending) this.route = undefined;
        throw error;
      });
      if (route.usable()) return route;
      if (this.route === pending) this.route = undefined;
    }
  }

  private async establish(): Promise<Route> {
    const owner = new OwnerServer();
    const reached = await reachOrClaim(this.paths, owner.accept, this.options.reachTimeoutMs ?? 60_000);
    if (reached.kind === 'remote') return remoteRoute(reached.client);
    owner.listening(reached.server);
    const started = Date.now();
    let engine: EmbeddedEngine | undefined;
    try {
      engine = await EmbeddedEngine.open(this.paths.dataDir);
      await this.options.prepare?.(engine.db);
      owner.ready(engine);
    } catch (error) {
      owner.failed(error);
      await owner.close({ graceMs: 0, beforeRelease: async () => this.release(engine) });
      throw error;
    }
    this.options.onOwned?.({
      dataDir: this.paths.dataDir,
      ms: Date.now() - started,
      takeover: this.everOwned,
    });
    this.everOwned = true;
    const opened = engine;
    let closed = false;
    return {
      kind: 'local',
      usable: () => !closed,
      execute: (query) => opened.execute(query),
      outcome: (key) => opened.outcome(key),
      // Only a commit whose answer can be lost (another process's) needs its key recorded.
      begin: async (settings) => {
        const trx = await opened.begin(settings);
        return { execute: trx.execute, rollback: trx.rollback, commit: () => trx.commit() };
      },
      close: async () => {
        closed = true;
        await owner.close({
          graceMs: this.options.closeGraceMs ?? 5_000,
          beforeRelease: () => this.release(opened),
        });
      },
    };
  }

  /** PGlite closes before the socket is released: no new owner opens the folder while it is open here. */
  private async release(engine: EmbeddedEngine | undefined): Promise<void> {
    await engine?.close();
    await forgetOwner(this.paths);
  }

  /**
   * Runs `work` on the current route, again on the next owner's when this one goes away (after a
   * short pause if it was closing), for as long as reaching an owner may take.
   */
  private async retrying<T>(
    during: string,
    work: (route: Route, lost: OwnerLost[]) => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + (this.options.reachTimeoutMs ?? 60_000);
    const lost: OwnerLost[] = [];
    for (;;) {
      const route = await this.current();
      try {
        return await work(route, lost);
      } catch (error) {
        if (!(error instanceof OwnerLost) || Date.now() > deadline) throw mapLost(error, during);
        lost.push(error);
        if (error.executed === 'no') await delay(50);
      }
    }
  }

  /** A statement outside a transaction: reads are sent again freely, writes are keyed. */
  executeAlone(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const key = reads(query) ? undefined : randomUUID();
    return this.retrying('a statement', async (route, lost) => {
      if (key !== undefined && lost.some((error) => error.executed === 'maybe')) {
        const outcome = await route.outcome(key);
        if (outcome.applied) return outcome.result ?? { rows: [] };
      }
      return route.execute(query, key);
    });
  }

  /** Nothing has run in a transaction that failed to begin: beginning again is safe. */
  begin(settings: TransactionSettings): Promise<EngineTransaction> {
    return this.retrying('a transaction', (route) => route.begin(settings));
  }

  /** Whether a commit whose answer was lost happened, asked of the owner now. */
  committed(key: string): Promise<boolean> {
    return this.retrying('a commit', async (route) => (await route.outcome(key)).applied);
  }
}

/** A select changes nothing, so it may be sent again; anything else (raw text included) is keyed. */
function reads(query: CompiledQuery): boolean {
  if (query.query.kind === 'SelectQueryNode') return true;
  return (
    query.query.kind === 'RawNode' &&
    /^\s*select\b/i.test(query.sql) &&
    !/\b(insert|update|delete|nextval|setval|pg_advisory)/i.test(query.sql)
  );
}

function mapLost(error: unknown, during: string): unknown {
  return error instanceof OwnerLost ? ownerStopped(during) : error;
}

function remoteRoute(client: OwnerClient): Route {
  let nextTx = 1;
  return {
    kind: 'remote',
    usable: () => client.usable,
    execute: (query, key) => client.execute(query.sql, query.parameters, key),
    outcome: (key) => client.outcome(key),
    begin: async (settings) => {
      const tx = nextTx++;
      await client.request({ op: 'begin', tx, settings });
      return {
        execute: async (query) => {
          const answer = await client.request({
            op: 'query',
            tx,
            sql: query.sql,
            parameters: query.parameters,
          });
          return answer.result ?? { rows: [] };
        },
        commit: async (key) => {
          await client.request({ op: 'commit', tx, key: key ?? randomUUID() });
        },
        rollback: async () => {
          await client.request({ op: 'rollback', tx }).catch((error: unknown) => {
            // The owner that held this transaction is gone, and the transaction with it.
            if (!(error instanceof OwnerLost)) throw error;
          });
        },
      };
    },
    close: async () => client.close(),
  };
}

/** One Kysely connection: a transaction in progress, or single statements. */
class HomeConnection implements DatabaseConnection {
  private transaction: EngineTransaction | undefined;

  constructor(private readonly driver: HomeDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.transaction === undefined) return (await this.driver.executeAlone(query)) as QueryResult<R>;
    try {
      return (await this.transaction.execute(query)) as QueryResult<R>;
    } catch (error) {
      throw mapLost(error, 'a transaction');
    }
  }

  // biome-ignore lint/correctness/useYield: PGlite cannot stream, like Kysely's own PGlite driver.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the embedded database.');
  }

  async begin(settings: TransactionSettings): Promise<void> {
    this.transaction = await this.driver.begin(settings);
  }

  async commit(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    if (transaction === undefined) return;
    const key = randomUUID();
    try {
      await transaction.commit(key);
    } catch (error) {
      if (!(error instanceof OwnerLost)) throw error;
      if (error.executed === 'no' || !(await this.driver.committed(key))) throw ownerStopped('a transaction');
    }
  }

  async rollback(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    await transaction?.rollback();
  }
}
