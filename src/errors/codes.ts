/** Stable error codes: the public contract of every failure (spec: MCP tools, HTTP). */
export const errorCodes = [
  'INVALID_INPUT',
  'INSUFFICIENT_CREDITS',
  'BUDGET_EXCEEDED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'CONFLICT',
  'PROVIDER_NOT_CONFIGURED',
  'PROVIDER_ERROR',
  'RATE_LIMITED',
  'TIMEOUT',
  'CANCELLED',
  'UNAVAILABLE',
  'CONFIG_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Codes worth retrying by default; an adapter may override per error. */
export const retryableCodes: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'TIMEOUT', 'UNAVAILABLE']);

export const httpStatusByCode: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INSUFFICIENT_CREDITS: 402,
  BUDGET_EXCEEDED: 402,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  PROVIDER_NOT_CONFIGURED: 503,
  PROVIDER_ERROR: 502,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  CANCELLED: 499,
  UNAVAILABLE: 503,
  CONFIG_ERROR: 500,
  INTERNAL: 500,
};
