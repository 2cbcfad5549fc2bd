import type { MiddlewareHandler } from 'hono';
import type { User } from '../core/accounts.js';
import type { Core } from '../core/create-core.js';
import { AppError } from '../errors/app-error.js';

declare module 'hono' {
  interface ContextVariableMap {
    user: User;
    /** The key that authenticated this request; absent under ADENGINE_AUTH=none. */
    apiKeyId: string | undefined;
  }
}

/**
 * Checks `Authorization: Bearer <key>` and sets the key's user; a missing or wrong key leaves
 * through the one error handler as UNAUTHORIZED. `fallbackUser` serves a request with no key
 * (ADENGINE_AUTH=none, development only).
 */
export function bearerAuth(core: () => Core, fallbackUser?: () => Promise<User>): MiddlewareHandler {
  return async function authenticate(context, next) {
    const header = context.req.header('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null && fallbackUser !== undefined) {
      context.set('user', await fallbackUser());
      context.set('apiKeyId', undefined);
      return next();
    }
    if (match?.[1] === undefined) {
      throw new AppError('UNAUTHORIZED', 'a valid API key is required: send Authorization: Bearer <key>');
    }
    const { user, keyId } = await core().authenticateKey(match[1]);
    context.set('user', user);
    context.set('apiKeyId', keyId);
    await next();
  };
}
