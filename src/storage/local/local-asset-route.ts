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
    const requested = c.req.header('range');
    const size = requested === undefined ? undefined : (await storage.head(key))?.size;
    const range = requested === undefined || size === undefined ? undefined : byteRange(requested, size);
    const { object, body } = await storage.get(key, c.req.raw.signal, range);
    const headers: Record<string, string> = {
      'content-type': object.contentType,
      'content-length': String(range === undefined ? object.size : range.end - range.start + 1),
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      // Uploaded HTML or SVG must not run scripts on the server's own origin.
      'content-security-policy': 'sandbox',
    };
    if (object.etag !== undefined) headers.etag = `"${object.etag}"`;
    if (range !== undefined) headers['content-range'] = `bytes ${range.start}-${range.end}/${object.size}`;
    return new Response(Readable.toWeb(body) as ReadableStream, {
      status: range === undefined ? 200 : 206,
      headers,
    });
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

/**
 * One byte range of `Range: bytes=…` (`a-b`, `a-`, `-n`), clipped to the object; undefined for
 * anything else (several ranges, malformed, unsatisfiable), which is answered with the whole
 * object as HTTP allows. Video players seek with these.
 */
export function byteRange(header: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || size === 0) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 ? undefined : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start > end || start >= size ? undefined : { start, end };
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
