import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { AppError } from '../errors/app-error.js';
import { build } from './build-config.js';
import type { Config } from './config.js';
import { type ConfigProblem, crossCheck } from './cross-checks.js';
import { envSchema } from './env-schema.js';

export type { ConfigProblem } from './cross-checks.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

export type ParseResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Parses an environment; pure, so property tests can drive it. */
export function parseConfig(
  environment: Record<string, string | undefined>,
  cwd = process.cwd(),
): ParseResult {
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, environment[name]]));
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      message: issue.message,
    }));
    return { ok: false, problems };
  }
  const env = parsed.data;
  const profile = env.ADENGINE_PROFILE ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  const problems = crossCheck(env, profile);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: deepFreeze(build(env, profile, cwd)) };
}

export function formatProblems(problems: ConfigProblem[]): string {
  return problems.map((problem) => `${problem.variable} ${problem.message}`).join('; ');
}

/** Reads `.env` (when present, without overriding the real environment) and parses once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotenv(readFileSync(path.join(cwd, '.env')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const result = parseConfig({ ...fromFile, ...environment }, cwd);
  if (!result.ok) {
    throw new AppError('CONFIG_ERROR', `configuration is invalid: ${formatProblems(result.problems)}`, {
      details: { problems: result.problems },
    });
  }
  return result.config;
}
