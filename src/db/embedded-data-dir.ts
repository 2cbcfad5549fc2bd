import path from 'node:path';

/** The embedded database's folder in a home. Its own module: `stdio` names it before Kysely loads. */
export function embeddedDataDir(home: string): string {
  return path.join(home, 'pgdata');
}
