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
