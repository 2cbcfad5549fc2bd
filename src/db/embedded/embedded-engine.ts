import {
  CompiledQuery,
  type ControlledTransaction,
  Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Tables } from '../tables.js';
import { openPglite } from './open-pglite.js';
import { PreparedPGliteDialect } from './prepared-pglite-dialect.js';
import { deserializeResult, serializeResult, type WriteOutcome } from './wire.js';

/** Keyed outcomes are needed only seconds after an owner dies; a day is generous. */
const outcomeLifetime = "interval '1 day'";

/** A transaction opened on the engine, by this process or for another one. */
export interface EngineTransaction {
  execute(query: CompiledQuery): Promise<QueryResult<unknown>>;
  /** With a key, the commit is recorded so a client that lost the answer can ask. */
  commit(key?: string): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * PGlite opened on one folder: only the process holding the home's lock builds one. It runs every
 * query of this process and of the others one at a time (PGlite has one session).
 */
export class EmbeddedEngine {
  private constructor(readonly db: Kysely<Tables>) {}

  static async open(dataDir: string): Promise<EmbeddedEngine> {
    const pglite = await openPglite(dataDir);
    const engine = new EmbeddedEngine(new Kysely<Tables>({ dialect: new PreparedPGliteDialect(pglite) }));
    await engine.raw('create schema if not exists adengine_embedded');
    await engine.raw(
      'create table if not exists adengine_embedded.write_outcomes (key text primary key, result bytea, created_at timestamptz not null default now())',
    );
    await engine.raw(
      `delete from adengine_embedded.write_outcomes where created_at < now() - ${outcomeLifetime}`,
    );
    return engine;
  }

  private async raw(text: string, parameters: readonly unknown[] = []): Promise<QueryResult<unknown>> {
    return this.db.executeQuery(CompiledQuery.raw(text, [...parameters]));
  }

  execute(query: CompiledQuery): Promise<QueryResult<unknown>> {
    return this.db.executeQuery(query);
  }

  /** Runs a write and records its answer under `key` in the same transaction. */
  async executeOnce(query: CompiledQuery, key: string): Promise<QueryResult<unknown>> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.executeQuery(query);
      await trx.executeQuery(
        CompiledQuery.raw('insert into adengine_embedded.write_outcomes (key, result) values ($1, $2)', [
          key,
          serializeResult(result),
        ]),
      );
      return result;
    });
  }

  async outcome(key: string): Promise<WriteOutcome> {
    const { rows } = (await this.raw('select result from adengine_embedded.write_outcomes where key = $1', [
      key,
    ])) as {
      rows: Array<{ result: Uint8Array | null }>;
    };
    const row = rows[0];
    if (row === undefined) return { applied: false };
    return { applied: true, result: row.result === null ? undefined : deserializeResult(row.result) };
  }

  async begin(settings: TransactionSettings): Promise<EngineTransaction> {
    let builder = this.db.startTransaction();
    if (settings.isolationLevel !== undefined) builder = builder.setIsolationLevel(settings.isolationLevel);
    if (settings.accessMode !== undefined) builder = builder.setAccessMode(settings.accessMode);
    const trx: ControlledTransaction<Tables> = await builder.execute();
    return {
      execute: (query) => trx.executeQuery(query),
      commit: async (key) => {
        try {
          if (key !== undefined) {
            await trx.executeQuery(
              CompiledQuery.raw('insert into adengine_embedded.write_outcomes (key) values ($1)', [key]),
            );
          }
          await trx.commit().execute();
        } catch (error) {
          if (!trx.isCommitted && !trx.isRolledBack)
            await trx
              .rollback()
              .execute()
              .catch(() => undefined);
          throw error;
        }
      },
      rollback: async () => {
        if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
      },
    };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
