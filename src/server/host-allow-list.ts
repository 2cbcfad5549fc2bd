import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors/app-error.js';

/** Host names without port; `[::1]` keeps its brackets. */
export function hostName(hostHeader: string): string {
  const header = hostHeader.trim().toLowerCase();
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.split(':')[0] ?? '';
}

/**
 * Refuses requests whose Host header is not allowed: a browser page on another site cannot
 * reach a server on localhost through DNS rebinding. `*` allows any host (behind a proxy that checks).
 */
export function hostAllowList(allowedHosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedHosts.map((host) => hostName(host)));
  const any = allowed.has('*');
  return async function checkHost(context, next) {
    const header = context.req.header('host');
    if (!any && (header === undefined || !allowed.has(hostName(header)))) {
      throw new AppError(
        'FORBIDDEN',
        `host ${header ?? '(none)'} is not allowed. Fix: add it to ADENGINE_ALLOWED_HOSTS`,
      );
    }
    await next();
  };
}
