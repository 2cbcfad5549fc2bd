import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import { AppError } from '../../errors/app-error.js';
import { checkKey } from '../asset-keys.js';
import type { LocalStorage } from './local-storage.js';

/** Serves local presigned URLs; mounted by the HTTP server at `/assets`. Errors go to its one handler. */
export function createLocalAssetRoute(storage: LocalStorage): Hono {
  const app = new Hono();

  app.get('/:key{.+}', async (c) => {
    const key = checkKey(c.req.param('key'));
    storage.verifyRequest('GET', key, new URL(c.req.url).searchParams, undefined);
    const { object, body } = await storage.get(key, c.req.raw.signal);
    const headers: Record<string, string> = {
      'content-type': object.contentType,
      'content-length': String(object.size),
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      // Uploaded HTML or SVG must not run scripts on the server's own origin.
      'content-security-policy': 'sandbox',
    };
    if (object.etag !== undefined) headers.etag = `"${object.etag}"`;
    return new Response(Readable.toWeb(body) as ReadableStream, { status: 200, headers });
  });

  app.put('/:key{.+}', async (c) => {
    const key = checkKey(c.req.param('key'));
    const contentType = c.req.header('content-type');
    const grant = storage.verifyRequest('PUT', key, new URL(c.req.url).searchParams, contentType);
    const declared = c.req.header('content-length');
    if (grant.maxBytes !== undefined && declared !== undefined && Number(declared) > grant.maxBytes) {
      throw tooLarge(grant.maxBytes);
    }
    const source =
      c.req.raw.body === null ? Readable.from([]) : Readable.fromWeb(c.req.raw.body as NodeWebReadableStream);
    const body = grant.maxBytes === undefined ? source : Readable.from(limitBytes(source, grant.maxBytes));
    const object = await storage.put({ key, body, contentType: contentType ?? '', signal: c.req.raw.signal });
    return c.json(
      { key: object.key, size: object.size },
      200,
      object.etag ? { etag: `"${object.etag}"` } : {},
    );
  });

  return app;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('INVALID_INPUT', `the upload exceeds this link's limit of ${maxBytes} bytes`);
}

/** Counts while streaming, so a body without (or lying about) Content-Length is still cut off. */
async function* limitBytes(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}
