import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors/app-error.js';

/** Host names without port; `[::1]` keeps its brackets. */
export function hostName(hostHeader: string): string {
  const header = hostHeader.trim().toLowerCase();
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.split(':')[0] ?? '';
}

/** The host of an Origin header (`scheme://host[:port]`); `null` and garbage have none. */
function originHost(origin: string): string | undefined {
  if (!URL.canParse(origin)) return undefined;
  const url = new URL(origin);
  return url.host === '' ? undefined : hostName(url.host);
}

/** A header value quoted in an error: attacker-chosen, so short. */
function quoted(value: string | undefined): string {
  return value === undefined ? '(none)' : value.slice(0, 100);
}

/**
 * Refuses requests whose Host header is not allowed: a browser page on another site cannot
 * reach a server on localhost through DNS rebinding. An Origin header, when a browser sends one,
 * must name an allowed host too: a page elsewhere cannot drive the API with a user's key.
 * `*` allows any host (behind a proxy that checks).
 */
export function hostAllowList(allowedHosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedHosts.map((host) => hostName(host)));
  const any = allowed.has('*');
  return async function checkHost(context, next) {
    const header = context.req.header('host');
    if (!any && (header === undefined || !allowed.has(hostName(header)))) {
      throw new AppError(
        'FORBIDDEN',
        `host ${quoted(header)} is not allowed. Fix: add it to ADENGINE_ALLOWED_HOSTS`,
      );
    }
    const origin = context.req.header('origin');
    if (!any && origin !== undefined && !allowed.has(originHost(origin) ?? '')) {
      throw new AppError(
        'FORBIDDEN',
        `origin ${quoted(origin)} is not allowed. Fix: add its host to ADENGINE_ALLOWED_HOSTS`,
      );
    }
    await next();
  };
}
