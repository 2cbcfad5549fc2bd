import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import { AppError } from '../errors/app-error.js';
import type { Database } from './database.js';

/** `migrations/` beside the sources when run as TypeScript, `dist/migrations/` once built. */
function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return import.meta.url.endsWith('.ts')
    ? path.resolve(here, '../../migrations')
    : path.resolve(here, '../migrations');
}

/** Imports dated migration files in name order (dates sort as text). */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await readdir(this.folder))
      .filter((name) => /^\d{4}-\d{2}-\d{2}.*\.(ts|js)$/.test(name) && !name.endsWith('.d.ts'))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const name of names) {
      const module = (await import(pathToFileURL(path.join(this.folder, name)).href)) as Migration;
      migrations[name.replace(/\.(ts|js)$/, '')] = module;
    }
    return migrations;
  }
}

export interface MigrationReport {
  applied: string[];
}

/** Applies pending migrations; throws an AppError naming the failed one. */
export async function migrateToLatest(db: Database): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(migrationsFolder()) });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const name = failed?.migrationName ?? '(unknown)';
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('UNAVAILABLE', `migration ${name} failed: ${reason}`, { cause: error });
  }
  return { applied: (results ?? []).map((result) => result.migrationName) };
}
