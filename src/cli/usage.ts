import type { Command, CommanderError, Option } from 'commander';
import { AppError } from '../errors/app-error.js';

/** The command a command line names (its leaf) and the chain of commands leading to it. */
function commandChain(program: Command, args: readonly string[]): Command[] {
  const chain = [program];
  for (const arg of args) {
    if (arg === '--') break;
    if (arg.startsWith('-')) continue;
    const current = chain[chain.length - 1] as Command;
    const next = current.commands.find(
      (command) => command.name() === arg || command.aliases().includes(arg),
    );
    if (next === undefined) break;
    chain.push(next);
  }
  return chain;
}

function commandPath(chain: readonly Command[]): string {
  return chain.map((command) => command.name()).join(' ');
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

function suggestion(flag: string, options: readonly Option[]): string {
  const names = options.map((option) => option.long).filter((name): name is string => name !== undefined);
  const near = names
    .map((name) => ({ name, far: distance(flag, name) }))
    .filter((candidate) => candidate.far <= 3)
    .sort((a, b) => a.far - b.far)[0];
  return near === undefined ? '' : ` (did you mean ${near.name}?)`;
}

function usageError(message: string, chain: readonly Command[]): AppError {
  return new AppError('INVALID_INPUT', `${message}. Fix: see \`${commandPath(chain)} --help\``);
}

/**
 * Finds a flag the named command does not know. Commander reports a missing required option
 * before an unknown one, so `users create --mail x` would otherwise say only that --email is missing.
 */
export function unknownOptionError(program: Command, args: readonly string[]): AppError | undefined {
  const chain = commandChain(program, args);
  const options = chain.flatMap((command) => command.options);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const flag = arg.startsWith('--') ? (arg.split('=')[0] as string) : arg.slice(0, 2);
    if (flag === '--help' || flag === '-h') continue;
    const option = options.find((candidate) => candidate.long === flag || candidate.short === flag);
    if (option === undefined) {
      return usageError(
        `unknown option '${flag}' for \`${commandPath(chain)}\`${suggestion(flag, options)}`,
        chain,
      );
    }
    const attached = arg.includes('=') || (!arg.startsWith('--') && arg.length > 2);
    if (attached) continue;
    if (option.required) index++;
    else if (option.optional && !(args[index + 1] ?? '-').startsWith('-')) index++;
  }
  return undefined;
}

/** Commander's own usage failures as one INVALID_INPUT naming the command and its --help. */
export function commanderUsageError(
  error: CommanderError,
  program: Command,
  args: readonly string[],
): AppError {
  const chain = commandChain(program, args);
  const leaf = chain[chain.length - 1] as Command;
  if (error.code === 'commander.help' && leaf.commands.length > 0) {
    const names = leaf.commands.map((command) => command.name()).join(', ');
    return usageError(`\`${commandPath(chain)}\` needs a command: ${names}`, chain);
  }
  const message = error.message.replace(/^error:\s*/, '').split('\n')[0] as string;
  return usageError(message.replace(/\.$/, ''), chain);
}
