import { AppError, toAppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/codes.js';

export type Print = (human: string, json: unknown) => void;

/** `--json` prints machine-readable output on stdout; otherwise the human text. */
export function createPrint(json: boolean): Print {
  return (human, value) => {
    process.stdout.write(json ? `${JSON.stringify(value)}\n` : human.endsWith('\n') ? human : `${human}\n`);
  };
}

/** Exit codes: 1 failure, 2 bad usage or input, 3 configuration, 4 not found, 5 insufficient credits. */
export function exitCodeFor(error: AppError): number {
  switch (error.code) {
    case 'INVALID_INPUT':
      return 2;
    case 'CONFIG_ERROR':
    case 'PROVIDER_NOT_CONFIGURED':
      return 3;
    case 'NOT_FOUND':
      return 4;
    case 'INSUFFICIENT_CREDITS':
      return 5;
    default:
      return 1;
  }
}

/** What to do when the message itself names no fix. */
const defaultFixes: Partial<Record<ErrorCode, string>> = {
  INVALID_INPUT: 'see `adengine --help` or the command’s own --help',
  NOT_FOUND: 'check the name or id (list them with the matching `list` command)',
  CONFIG_ERROR: 'run `adengine doctor` to see every setting that is missing or wrong',
  PROVIDER_NOT_CONFIGURED: 'run `adengine doctor` to see what each provider needs',
  INSUFFICIENT_CREDITS: 'adengine credits grant --user EMAIL --amount N',
  CONFLICT: 'use another name, or work with the existing one',
  UNAVAILABLE: 'retry in a moment; `adengine doctor` checks the database, storage and providers',
  TIMEOUT: 'retry; raise PROVIDER_TIMEOUT_MS if it keeps happening',
  RATE_LIMITED: 'wait a minute and retry',
  INTERNAL: 'run again with LOG_LEVEL=debug for details; `adengine doctor` checks the set-up',
};

export interface ErrorReport {
  code: ErrorCode;
  message: string;
  fix: string;
}

/** Splits an error into its cause and its fix: messages carry the fix after "Fix:". */
export function errorReport(error: unknown): ErrorReport {
  const appError = toAppError(error);
  const detail =
    appError.code === 'INTERNAL' && error instanceof Error && !(error instanceof AppError)
      ? ` (${error.message})`
      : '';
  const text = `${appError.message}${detail}`.replace(/\s+/g, ' ').trim();
  const at = text.search(/\.?\s*Fix:\s*/);
  if (at < 0) {
    const fix = defaultFixes[appError.code] ?? 'see `adengine --help`';
    return { code: appError.code, message: text.replace(/\.$/, ''), fix };
  }
  return {
    code: appError.code,
    message: text.slice(0, at).replace(/\.$/, ''),
    fix: text.slice(at).replace(/^\.?\s*Fix:\s*/, ''),
  };
}

/**
 * The CLI's one error exit: one line on stderr (or, under `--json`, one JSON object
 * `{"error": {"code", "message", "fix"}}`) and a non-zero code.
 */
export function failAndExit(error: unknown, json = false): never {
  const report = errorReport(error);
  process.stderr.write(
    json
      ? `${JSON.stringify({ error: report })}\n`
      : `adengine: ${report.code}: ${report.message}. Fix: ${report.fix}\n`,
  );
  process.exit(exitCodeFor(toAppError(error)));
}
