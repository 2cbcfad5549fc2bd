import type { Hook } from '@hono/zod-openapi';
import type { Env, MiddlewareHandler } from 'hono';
import { AppError } from '../../errors/app-error.js';
import { invalidInput } from '../../errors/zod-issues.js';

const where: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'headers' };

/**
 * Every route's validation failure becomes the same INVALID_INPUT the MCP tools raise, naming the
 * field (`body is invalid: chatModel: …`), and leaves through the one HTTP error handler.
 */
export const throwInvalidInput: Hook<unknown, Env, string, undefined> = (result) => {
  if (!result.success) throw invalidInput(result.error, where[result.target] ?? result.target);
  return undefined;
};

const jsonType = /^application\/([a-z-.]+\+)?json(\s*;.*)?$/i;

/**
 * Runs before a route's body validator: a body that is not JSON is INVALID_INPUT with a plain
 * message (rather than the validator's own 400/415), and the parsed body is cached for it.
 */
export const requireJsonBody: MiddlewareHandler = async (context, next) => {
  if (!jsonType.test(context.req.header('content-type') ?? '')) {
    throw new AppError('INVALID_INPUT', 'body: must be JSON, sent with Content-Type: application/json');
  }
  try {
    await context.req.json();
  } catch {
    throw new AppError('INVALID_INPUT', 'body: must be JSON');
  }
  await next();
};
