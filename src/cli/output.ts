import { AppError, toAppError } from '../errors/app-error.js';

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
      return 3;
    case 'NOT_FOUND':
      return 4;
    case 'INSUFFICIENT_CREDITS':
      return 5;
    default:
      return 1;
  }
}

/** The CLI's one error exit: one line on stderr, a non-zero code. */
export function failAndExit(error: unknown): never {
  const appError = toAppError(error);
  const detail =
    appError.code === 'INTERNAL' && error instanceof Error && !(error instanceof AppError)
      ? ` (${error.message})`
      : '';
  process.stderr.write(`adengine: ${appError.code}: ${appError.message}${detail}\n`);
  process.exit(exitCodeFor(appError));
}
