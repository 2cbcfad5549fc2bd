#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createCliContext } from './cli/cli-context.js';
import { failAndExit } from './cli/output.js';
import { commanderUsageError, unknownOptionError } from './cli/usage.js';
import { version } from './version.js';

// The README states the Node versions supported; the AWS SDK's multi-line notice about its own
// future Node 22 requirement would break the CLI's one-line stderr on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const json = args.slice(0, args.includes('--') ? args.indexOf('--') : undefined).includes('--json');

const program = new Command('adengine')
  .description('AdEngine: advertising tools for AI agents over MCP')
  .version(version)
  .option('--json', 'machine-readable output');

// The bin is the one caller of the composition root (src/main); commands get the core through the context.
const context = createCliContext(
  () => program.opts<{ json?: boolean }>().json === true,
  async (config, logger) => {
    const { openRuntime } = await import('./main/runtime.js');
    if (json) return openRuntime(config, logger);
    // A first start spends seconds creating the embedded database: say so (never under --json).
    const { withStartupNotice } = await import('./main/startup-notice.js');
    return withStartupNotice(config, () => openRuntime(config, logger));
  },
);

/** The deployer is built by the composition root; deploy opens no database. */
function deployDeps() {
  return {
    openDeployer: async () => (await import('./main/open-deployer.js')).openModelDeployer(context.config()),
    print: (human: string, value: unknown) => context.print()(human, value),
  };
}

/** Each command's module loads only when it runs: `stdio` must answer `tools/list` fast. */
const commands: Record<string, { description: string; load: () => Promise<Command> }> = {
  serve: {
    description: 'run the HTTP server: MCP at /mcp, REST at /api/v1',
    load: async () => (await import('./main/serve-command.js')).createServeCommand(context),
  },
  stdio: {
    description: 'serve MCP over stdin/stdout as one user',
    load: async () => (await import('./main/stdio-command.js')).createStdioCommand(context),
  },
  migrate: {
    description: 'apply pending database migrations',
    load: async () => (await import('./cli/migrate-command.js')).createMigrateCommand(context),
  },
  users: {
    description: 'manage users',
    load: async () => (await import('./cli/users-command.js')).createUsersCommand(context),
  },
  keys: {
    description: 'manage API keys',
    load: async () => (await import('./cli/keys-command.js')).createKeysCommand(context),
  },
  credits: {
    description: 'grant credits and read balances',
    load: async () => (await import('./cli/credits-command.js')).createCreditsCommand(context),
  },
  models: {
    description: 'the model catalogue',
    load: async () =>
      (await import('./cli/models-command.js')).createModelsCommand({
        config: context.config(),
        print: (human, json) => context.print()(human, json),
        withCore: (work) => context.withCore((core) => work(core)),
      }),
  },
  storage: {
    description: 'operate the storage backend: put, get, ls, rm, url',
    load: async () => {
      const { createStorageCommand } = await import('./cli/storage-command.js');
      return createStorageCommand({
        openStorage: async () => (await import('./main/open-storage.js')).openStorage(context.config()),
        print: (human, json) => context.print()(human, json),
      });
    },
  },
  deploy: {
    description: 'deploy a self-hosted model on a managed endpoint (SageMaker)',
    load: async () => (await import('./cli/deploy-command.js')).createDeployCommand(deployDeps()),
  },
  undeploy: {
    description: 'remove a model endpoint created by deploy',
    load: async () => (await import('./cli/deploy-command.js')).createUndeployCommand(deployDeps()),
  },
  chat: {
    description: 'one turn with the orchestrator agent',
    load: async () => (await import('./cli/chat-command.js')).createChatCommand(context),
  },
  doctor: {
    description: 'check configuration, database, storage and providers',
    load: async () => (await import('./cli/doctor-command.js')).createDoctorCommand(context),
  },
};

/** Usage failures leave through the one error exit (exit 2, one line), not through Commander's own output. */
function quiet(command: Command): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: () => undefined,
    outputError: () => undefined,
  });
  for (const sub of command.commands) quiet(sub);
}

try {
  const name = args.find((argument) => !argument.startsWith('-'));
  for (const [command, entry] of Object.entries(commands)) {
    program.addCommand(
      command === name ? await entry.load() : new Command(command).description(entry.description),
    );
  }
  quiet(program);
  const unknown = unknownOptionError(program, args);
  if (unknown !== undefined) failAndExit(unknown, json);
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) failAndExit(error, json);
  if (error.exitCode === 0) process.exit(0);
  failAndExit(commanderUsageError(error, program, args), json);
}
