import { type Context, Hono } from 'hono';
import { AppError } from '../../errors/app-error.js';
import { securityHeaders } from './content-security-policy.js';
import { loadStaticFiles, type StaticFile } from './static-files.js';

export interface WebRoutesOptions {
  /** Where asset links point besides this server (media-origins.ts); allowed for images and video. */
  mediaOrigins?: readonly string[];
  /** The page's folder (tests); default `web/` at the package root. */
  root?: string;
}

/**
 * `GET /` and `/web/*`: the web page and its static files, served before bearer auth (the page holds
 * no data; it asks /api/v1 with the key the user pastes). Every answer carries the strict CSP.
 * Files revalidate on each load (`no-cache` + ETag): a 304 costs one round trip, and a new version
 * of the server never meets a stale module graph in the browser.
 */
export function createWebRoutes(options: WebRoutesOptions = {}): Hono {
  const headers = securityHeaders(options.mediaOrigins ?? []);
  let files: Promise<Map<string, StaticFile>> | undefined;
  const web = new Hono();

  const serve = async (context: Context) => {
    files ??= loadStaticFiles(options.root);
    const file = (await files).get(context.req.path);
    if (file === undefined) throw new AppError('NOT_FOUND', `no file ${context.req.path}`);
    const common = { ...headers, ETag: file.etag, 'Cache-Control': 'no-cache' };
    if (context.req.header('if-none-match') === file.etag) return context.body(null, 304, common);
    return context.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      ...common,
      'Content-Type': file.contentType,
    });
  };
  web.get('/', serve);
  web.get('/web/*', serve);

  return web;
}
