#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createCliContext } from './cli/cli-context.js';
import { createCreditsCommand } from './cli/credits-command.js';
import { createDoctorCommand } from './cli/doctor-command.js';
import { createKeysCommand } from './cli/keys-command.js';
import { createMigrateCommand } from './cli/migrate-command.js';
import { failAndExit } from './cli/output.js';
import { createServeCommand } from './cli/serve-command.js';
import { createStdioCommand } from './cli/stdio-command.js';
import { createUsersCommand } from './cli/users-command.js';
import { version } from './version.js';

const program = new Command('adengine')
  .description('AdEngine: advertising tools for AI agents over MCP')
  .version(version)
  .option('--json', 'machine-readable output')
  .showHelpAfterError()
  .exitOverride();
program.configureOutput({
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
});

const context = createCliContext(() => program.opts<{ json?: boolean }>().json === true);
program.addCommand(createServeCommand(context));
program.addCommand(createStdioCommand(context));
program.addCommand(createMigrateCommand({ config: context.config, print: context.print }));
program.addCommand(createUsersCommand(context));
program.addCommand(createKeysCommand(context));
program.addCommand(createCreditsCommand(context));
program.addCommand(createDoctorCommand(context));

async function addLazyCommands(): Promise<void> {
  const name = process.argv[2];
  if (name === 'models') {
    const { createModelsCommand } = await import('./cli/models-command.js');
    program.addCommand(createModelsCommand({ config: context.config(), print: context.print() }));
  } else if (name === 'storage') {
    const { createStorageCommand } = await import('./cli/storage-command.js');
    program.addCommand(
      createStorageCommand({
        openStorage: async () => {
          const { createStorage } = await import('./storage/create-storage.js');
          const { publicBaseUrl } = await import('./app/public-base-url.js');
          return createStorage(context.config(), { publicBaseUrl: publicBaseUrl(context.config()) });
        },
        print: (human, json) => context.print()(human, json),
      }),
    );
  } else {
    program.command('models').description('the model catalogue (adengine models list)');
    program.command('storage').description('operate the storage backend: put, get, ls, rm, url');
  }
  program
    .command('chat <message>')
    .description('one turn with the orchestrator agent')
    .option('--user <email>')
    .action(() => {
      process.stderr.write('adengine: chat is not available yet (it comes with the orchestrator)\n');
      process.exit(1);
    });
}

try {
  await addLazyCommands();
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  failAndExit(error);
}
