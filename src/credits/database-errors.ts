/** Postgres SQLSTATE codes the ledger turns into AppErrors. pg and PGlite both expose `code` and `constraint`. */
export const checkViolation = '23514';
export const uniqueViolation = '23505';
export const foreignKeyViolation = '23503';
export const deadlockDetected = '40P01';

interface DatabaseErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
}

/** True when `error` is a Postgres error with that SQLSTATE (and that constraint, when given). */
export function isDatabaseError(error: unknown, code: string, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as DatabaseErrorFields;
  return fields.code === code && (constraint === undefined || fields.constraint === constraint);
}

const transientSqlStates = new Set(['40001', deadlockDetected, '57P01', '57P02', '57P03', '53300']);
const transientNetworkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/** A failure worth trying again: a lost connection, a restarting server, a serialization or deadlock abort. */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as DatabaseErrorFields).code;
  if (typeof code !== 'string') return false;
  return transientSqlStates.has(code) || code.startsWith('08') || transientNetworkCodes.has(code);
}
