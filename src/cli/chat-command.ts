import { Command } from 'commander';
import { plainCaller } from '../core/caller.js';
import type { ChatEvent } from '../core/chat-turn.js';
import { AppError } from '../errors/app-error.js';
import type { CliContext } from './cli-context.js';

function maxCredits(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value))
    throw new AppError('INVALID_INPUT', `--max-credits must be a positive whole number, got "${value}"`);
  return Number(value);
}

function describeInput(input: unknown): string {
  const text = JSON.stringify(input ?? {});
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * `adengine chat MESSAGE`: one orchestrator turn. Tokens go to stdout as they arrive, tool
 * activity to stderr; `--json` prints only `{conversationId, answer, creditsCharged, …}` at the end.
 * Ctrl-C stops the turn, which then charges only what it used.
 */
export function createChatCommand(context: CliContext): Command {
  return new Command('chat')
    .description('one turn with the orchestrator agent (tokens on stdout, tool activity on stderr)')
    .argument('<message>', 'what to ask')
    .option('--user <email>', 'the user (default: the local user)')
    .option('--conversation <id>', 'continue this conversation')
    .option('--model <id>', 'a catalogue chat model for this turn (default: the user’s preference)')
    .option('--max-credits <n>', 'the most the turn’s own model tokens may cost', maxCredits)
    .action(
      async (
        message: string,
        options: { user?: string; conversation?: string; model?: string; maxCredits?: number },
      ) => {
        await context.withCore(async (core) => {
          const user =
            options.user === undefined
              ? (await core.ensureLocalUser()).user
              : await core.requireUser(options.user);
          const stop = new AbortController();
          const onSignal = () => stop.abort(new AppError('CANCELLED', 'interrupted'));
          process.once('SIGINT', onSignal);
          const json = context.json();
          const onEvent = (event: ChatEvent) => {
            if (event.type === 'token') {
              if (!json) process.stdout.write(event.text);
            } else if (event.type === 'conversation') {
              if (event.created) process.stderr.write(`conversation ${event.conversationId}\n`);
            } else if (event.type === 'tool_start') {
              process.stderr.write(`\n[tool] ${event.name} ${describeInput(event.input)}\n`);
            } else {
              process.stderr.write(
                `[tool] ${event.name} ${event.status === 'success' ? 'done' : 'failed'}` +
                  `${event.creditsCharged > 0 ? ` (${event.creditsCharged} credits)` : ''}\n`,
              );
            }
          };
          try {
            const result = await core.chatTurn(
              plainCaller(user.id, stop.signal),
              {
                message,
                conversationId: options.conversation,
                model: options.model,
                maxCredits: options.maxCredits,
              },
              onEvent,
            );
            if (json) {
              context.print()('', result);
            } else {
              process.stdout.write('\n');
              process.stderr.write(
                `${result.creditsCharged} credits (turn ${result.turnCredits}, tools ${result.toolCredits}); ` +
                  `conversation ${result.conversationId}\n`,
              );
            }
          } finally {
            process.off('SIGINT', onSignal);
          }
        });
      },
    );
}
