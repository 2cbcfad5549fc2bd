import type { z } from '@hono/zod-openapi';
import { errorResponseSchema } from './rest-schemas.js';

/**
 * A JSON 200 answer described by a zod schema. Typed loosely on purpose: the tools' output
 * schemas are erased to `ZodObject` by defineTool, and core's interfaces have no index signature;
 * test/integration/rest-api-routes.test.ts parses every 200 answer with its documented schema.
 */
export function jsonAnswer(
  schema: z.ZodType<unknown>,
  description: string,
): { 200: { description: string; content: { 'application/json': { schema: z.ZodType<unknown> } } } } {
  return { 200: { description, content: { 'application/json': { schema } } } };
}

/** A JSON request body a route requires. */
export function jsonBody<Schema extends z.ZodType>(schema: Schema, description?: string) {
  return {
    required: true,
    ...(description === undefined ? {} : { description }),
    content: { 'application/json': { schema } },
  } as const;
}

const failures = {
  400: 'INVALID_INPUT: the body, query or path is invalid; the message names the field',
  401: 'UNAUTHORIZED: no API key, or a wrong or revoked one',
  402: 'INSUFFICIENT_CREDITS or BUDGET_EXCEEDED',
  403: 'FORBIDDEN: the Host header is not on the allow-list',
  404: 'NOT_FOUND: no such object of yours (another user’s is not found either)',
  429: 'RATE_LIMITED: too many requests; see Retry-After',
  502: 'PROVIDER_ERROR: the model provider failed',
  503: 'PROVIDER_NOT_CONFIGURED or UNAVAILABLE',
  504: 'TIMEOUT: the model provider did not answer in time',
} as const;

type FailureStatus = keyof typeof failures;

/** Error answers, all `{error: {code, message}}`: those of every authenticated route plus `extra`. */
export function errorAnswers(...extra: FailureStatus[]) {
  const statuses = [...new Set<FailureStatus>([400, 401, 403, 429, ...extra])].sort();
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: failures[status], content: { 'application/json': { schema: errorResponseSchema } } },
    ]),
  ) as Record<
    FailureStatus,
    { description: string; content: { 'application/json': { schema: typeof errorResponseSchema } } }
  >;
}
