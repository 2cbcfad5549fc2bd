import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toAppError } from '../errors/app-error.js';
import { httpStatusByCode } from '../errors/codes.js';
import type { Logger } from '../logger.js';

/** The HTTP error exit: every failure becomes `{"error": {"code", "message"}}`. */
export function createHttpErrorHandler(logger: Logger) {
  return function handleHttpError(error: Error, context: Context): Response {
    if (error instanceof HTTPException) {
      const code =
        error.status === 401 ? 'UNAUTHORIZED' : error.status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT';
      return context.json({ error: { code, message: error.message || 'request refused' } }, error.status);
    }
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') logger.error({ err: error, path: context.req.path }, 'request failed');
    else if (appError.details?.providerMessage !== undefined)
      logger.warn(
        { path: context.req.path, code: appError.code, provider: appError.details },
        'provider call failed',
      );
    const status = (httpStatusByCode[appError.code] ?? 500) as ContentfulStatusCode;
    if (appError.code === 'UNAUTHORIZED') context.header('WWW-Authenticate', 'Bearer realm="adengine"');
    if (appError.retryAfterSeconds !== undefined)
      context.header('Retry-After', String(appError.retryAfterSeconds));
    return context.json({ error: { code: appError.code, message: appError.message } }, status);
  };
}
