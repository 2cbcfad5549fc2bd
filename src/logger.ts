import { createRequire } from 'node:module';
import type { DestinationStream, Logger } from 'pino';
import { redactUrl } from './config/redact.js';
import { type SecretSetting, secretSettings } from './config/secret-settings.js';

export type { Logger };

/** What to hide under each property name: a setting's last path segment or its environment variable. */
const kindByName = new Map<string, SecretSetting['kind']>([['authorization', 'secret']]);
for (const { path, variables, kind } of secretSettings) {
  for (const name of [path.split('.').at(-1) as string, ...variables])
    if (kindByName.get(name) !== 'secret') kindByName.set(name, kind);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of what is about to be logged with secrets hidden by property name, at any depth.
 * pino's own `redact` matches fixed-depth paths only, and its wildcards made a log line 50 times slower.
 */
function redactLogged(value: unknown, name = '', ancestors: object[] = []): unknown {
  const kind = kindByName.get(name);
  if (kind === 'secret' && value !== undefined) return '***';
  if (kind === 'url' && typeof value === 'string') return redactUrl(value);
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (ancestors.includes(value)) return '[Circular]';
  const inside = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => redactLogged(item, '', inside));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactLogged(item, key, inside)]),
  );
}

// Loaded on first use, so `adengine stdio` answers `tools/list` without paying for pino.
const load = createRequire(import.meta.url);

/** Logs go to stderr by default: stdout belongs to the stdio transport. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const pino = load('pino') as typeof import('pino').default;
  const logger = pino(
    {
      level,
      formatters: { log: (object) => redactLogged(object) as Record<string, unknown> },
      // Errors are serialized after the log formatter; the copy's own fields (details…) are walked too.
      serializers: {
        err: (error: unknown) => {
          const serialized: unknown = pino.stdSerializers.err(error as Error);
          return redactLogged(typeof serialized === 'object' ? { ...serialized } : serialized);
        },
      },
    },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
  // pino skips the formatters for child bindings; children inherit this override, so theirs are walked too.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, redactLogged(bindings) as typeof bindings, options);
  } as Logger['child'];
  return logger;
}
