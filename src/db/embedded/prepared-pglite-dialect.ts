import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PGliteDialect,
  PGliteDriver,
  type QueryResult,
} from 'kysely';

/** Statements kept prepared at once; the least recently used one is closed past this. */
const capacity = 256;
/** SQLSTATE of "cached plan must not change result type": the table changed under a statement. */
const cachedPlanChanged = '0A000';

type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

interface Prepared {
  name: string;
  /** The parameters' type oids, as Postgres inferred them when the statement was prepared. */
  types: number[];
  /**
   * The result's columns, described once when prepared (absent for a statement without rows):
   * put before each run's rows, so a run need not ask Postgres to describe its portal again.
   * A table changed under the plan fails the run with 0A000 and the statement is prepared again.
   */
  columns: BackendMessage | undefined;
}

/** Data statements are prepared; anything else (DDL, begin, set) runs as PGlite's plain query. */
function preparable(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode' || kind === 'InsertQueryNode') return true;
  if (kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') return true;
  return kind === 'RawNode' && /^\s*(select|insert|update|delete|with)\b/i.test(query.sql);
}

function joined(...parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/**
 * Runs data statements outside transactions as named prepared statements: Postgres parses and
 * plans each text once, and a call is one bind-execute-sync message into PGlite instead of
 * PGlite's own parse, describe, bind, describe, execute and sync, six crossings into WebAssembly
 * (docs/benchmarks.md). Inside a transaction, and for everything else, PGlite's `query` runs as
 * before. Serializing parameters and parsing rows are PGlite's own, so values read and write the same.
 */
class PreparedStatements {
  private readonly byText = new Map<string, Prepared>();
  private next = 1;
  /** Names forgotten but not yet closed in PGlite. */
  private stale: string[] = [];

  constructor(private readonly pglite: PGlite) {}

  /**
   * Forgets every statement: after DDL, so no plan outlives the table it was made for. They are
   * closed with the next statement prepared (this may run inside a transaction, which holds PGlite).
   */
  forget(): void {
    for (const prepared of this.byText.values()) this.stale.push(prepared.name);
    this.byText.clear();
  }

  async execute(query: CompiledQuery): Promise<QueryResult<unknown>> {
    try {
      return await this.exclusive(() => this.run(query));
    } catch (error) {
      if ((error as { code?: unknown }).code !== cachedPlanChanged) throw error;
      this.forget();
      return this.exclusive(() => this.run(query));
    }
  }

  /** As PGlite's own `query`: no transaction of another caller in between, one query at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.pglite._runExclusiveTransaction(() => this.pglite._runExclusiveQuery(work));
  }

  private async run(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const prepared = await this.prepared(query.sql);
    const values = query.parameters.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = prepared.types[index];
      const serialize = type === undefined ? undefined : this.pglite.serializers[type];
      return serialize === undefined ? String(value) : serialize(value);
    });
    const { messages } = await this.pglite.execProtocol(
      joined(
        protocol.serialize.bind({ statement: prepared.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    await this.pglite.syncToFs();
    const described = prepared.columns === undefined ? messages : [prepared.columns, ...messages];
    const [result] = parse.parseResults(described, this.pglite.parsers, { rowMode: 'object' });
    const affected = result?.affectedRows;
    return {
      rows: (result?.rows ?? []) as unknown[],
      numAffectedRows: affected === undefined || affected === null ? undefined : BigInt(affected),
    };
  }

  private async prepared(text: string): Promise<Prepared> {
    const known = this.byText.get(text);
    if (known !== undefined) {
      // Most recently used last, so the first key is the one to close when full.
      this.byText.delete(text);
      this.byText.set(text, known);
      return known;
    }
    const name = `adengine_${this.next++}`;
    const evicted = this.byText.size >= capacity ? this.byText.entries().next().value : undefined;
    if (evicted !== undefined) {
      this.byText.delete(evicted[0]);
      this.stale.push(evicted[1].name);
    }
    const closing = this.stale.splice(0);
    const { messages } = await this.pglite.execProtocol(
      joined(
        ...closing.map((old) => protocol.serialize.close({ type: 'S', name: old })),
        protocol.serialize.parse({ name, text, types: [] }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    const prepared = {
      name,
      types: parse.parseDescribeStatementResults(messages),
      columns: messages.find((message) => message.name === 'rowDescription'),
    };
    this.byText.set(text, prepared);
    return prepared;
  }
}

/** Kysely's PGlite connection, with statements outside transactions sent prepared. */
class PreparedConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly statements: PreparedStatements,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.inTransaction && preparable(query))
      return (await this.statements.execute(query)) as QueryResult<R>;
    const result = await this.inner.executeQuery<R>(query);
    if (!preparable(query) && /^\s*(create|alter|drop)\b/i.test(query.sql)) this.statements.forget();
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

type PGliteConnection = Parameters<PGliteDriver['beginTransaction']>[0];

/** Kysely's PGlite driver, handing out its one connection wrapped (see PreparedConnection). */
class PreparedPGliteDriver implements Driver {
  private readonly driver: PGliteDriver;
  private connection: PreparedConnection | undefined;

  constructor(private readonly pglite: PGlite) {
    this.driver = new PGliteDriver({ pglite });
  }

  init(): Promise<void> {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.driver.acquireConnection();
    if (this.connection?.inner !== inner)
      this.connection = new PreparedConnection(inner, new PreparedStatements(this.pglite));
    return this.connection;
  }

  /** Kysely's PGlite driver takes no isolation level: PGlite has one session, so it is serializable. */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const prepared = connection as PreparedConnection;
    await this.driver.beginTransaction(prepared.inner as PGliteConnection);
    prepared.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const prepared = connection as PreparedConnection;
    prepared.inTransaction = false;
    await this.driver.commitTransaction(prepared.inner as PGliteConnection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const prepared = connection as PreparedConnection;
    prepared.inTransaction = false;
    await this.driver.rollbackTransaction(prepared.inner as PGliteConnection);
  }

  async releaseConnection(): Promise<void> {}

  destroy(): Promise<void> {
    return this.driver.destroy();
  }
}

/** Kysely's PGlite dialect with prepared statements (see PreparedStatements). */
export class PreparedPGliteDialect extends PGliteDialect {
  constructor(private readonly pglite: PGlite) {
    super({ pglite });
  }

  override createDriver(): Driver {
    return new PreparedPGliteDriver(this.pglite);
  }
}
