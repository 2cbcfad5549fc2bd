import {
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
} from 'kysely';
import { HomeDriver, type HomeDriverOptions } from './home-driver.js';

/**
 * Several connections may be open at once (other processes' among them); the owner runs
 * transactions one at a time, so migrations need no lock of their own.
 */
class HomeAdapter extends PostgresAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }

  override async acquireMigrationLock(): Promise<void> {}

  override async releaseMigrationLock(): Promise<void> {}
}

/** Kysely over the embedded database of one home, shared by every process that opens it. */
export class HomeDialect implements Dialect {
  constructor(private readonly options: HomeDriverOptions) {}

  createAdapter(): PostgresAdapter {
    return new HomeAdapter();
  }

  createDriver(): Driver {
    return new HomeDriver(this.options);
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Dialect signature.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
