import { Command } from 'commander';
import type { ApiKeyRecord } from '../core/accounts.js';
import type { CliContext } from './cli-context.js';

/** What `keys list` shows of a key: never the key itself, which is not kept. */
function keyRow(key: ApiKeyRecord) {
  return {
    id: key.id,
    prefix: key.prefix,
    name: key.name,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function createKeysCommand(context: CliContext): Command {
  const keys = new Command('keys').description('manage API keys');
  keys
    .command('create')
    .description('create an API key for a user; it is shown once')
    .requiredOption('--user <email>', 'the key’s user')
    .option('--name <name>', 'a label for the key')
    .action(async (options: { user: string; name?: string }) => {
      await context.withCore(async (core) => {
        const user = await core.requireUser(options.user);
        const { key, id } = await core.issueApiKey(user.id, options.name);
        context.print()(`${key}\n(shown once: store it now)`, { key, id });
      });
    });
  keys
    .command('list')
    .description('list a user’s keys: id, prefix, name, created, last used, revoked (never the key)')
    .requiredOption('--user <email>', 'the keys’ user')
    .action(async (options: { user: string }) => {
      await context.withCore(async (core) => {
        const rows = (await core.listApiKeys(options.user)).map(keyRow);
        const human = rows.map(
          (row) =>
            `${row.id}  ${row.prefix}…  ${row.name ?? '-'}  created ${row.createdAt}  ` +
            `last used ${row.lastUsedAt ?? 'never'}${row.revokedAt === null ? '' : `  REVOKED ${row.revokedAt}`}`,
        );
        context.print()(human.length === 0 ? `no keys for ${options.user}` : human.join('\n'), rows);
      });
    });
  keys
    .command('revoke <id>')
    .description('revoke a key at once (its open sessions close too)')
    .action(async (id: string) => {
      await context.withCore(async (core) => {
        const row = keyRow(await core.revokeApiKey(id));
        context.print()(`revoked key ${row.id} (${row.prefix}…)`, row);
      });
    });
  return keys;
}
