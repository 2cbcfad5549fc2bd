import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.js';
import { findUserByApiKey } from '../db/repositories/api-keys.js';
import type { User } from '../db/tables.js';

declare module 'hono' {
  interface ContextVariableMap {
    user: User;
  }
}

const unauthorized = {
  error: { code: 'UNAUTHORIZED', message: 'a valid API key is required: send Authorization: Bearer <key>' },
};

/** Checks `Authorization: Bearer <key>` against the stored hashes and sets the key's user. */
export function bearerAuth(db: Database, fallbackUser?: () => Promise<User>): MiddlewareHandler {
  return async function authenticate(context, next) {
    const header = context.req.header('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null && fallbackUser !== undefined) {
      context.set('user', await fallbackUser());
      return next();
    }
    const user = match?.[1] === undefined ? undefined : await findUserByApiKey(db, match[1]);
    if (user === undefined) {
      context.header('WWW-Authenticate', 'Bearer realm="adengine"');
      return context.json(unauthorized, 401);
    }
    context.set('user', user);
    await next();
  };
}
