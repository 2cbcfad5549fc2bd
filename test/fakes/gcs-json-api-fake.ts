import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRC32C } from '@google-cloud/storage';
import { verifyGcsV4SignedUrl } from './gcs-v4-signature.js';

/**
 * The Cloud Storage JSON API as the SDK uses it, strict about paths and parameters: objects
 * get/list/delete, media download, multipart and resumable uploads; plus the XML-API paths that V4
 * signed URLs name, verified with the service account's public key. Not checked: OAuth tokens (the SDK
 * sends none to a custom endpoint), IAM, preconditions (ifGenerationMatch…), object versioning, ACLs.
 */
export interface GcsFake {
  endpoint: string;
  bucket: string;
  log: Array<{ method: string; path: string; status: number }>;
  injectFaults(faults: Array<{ status: number; reason: string }>): void;
  close(): Promise<void>;
}

interface StoredGcsObject {
  name: string;
  data: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  generation: number;
  updated: Date;
}

interface Session {
  name: string;
  contentType: string;
  metadata: Record<string, string>;
  received: Buffer[];
  size: number;
}

const allowed: Record<string, ReadonlySet<string>> = {
  get: new Set(['alt', 'generation', 'projection', 'userProject']),
  list: new Set(['prefix', 'maxResults', 'pageToken', 'delimiter', 'projection', 'versions', 'userProject']),
  delete: new Set(['generation', 'userProject']),
  upload: new Set(['uploadType', 'name', 'upload_id', 'userProject', 'predefinedAcl', 'ifGenerationMatch']),
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export async function startGcsFake(options: {
  bucket?: string;
  clientEmail: string;
  publicKey: string;
  /** The fake's clock for signed-URL expiry. */
  now?: () => Date;
}): Promise<GcsFake> {
  const bucket = options.bucket ?? 'adengine-test';
  const objects = new Map<string, StoredGcsObject>();
  const sessions = new Map<string, Session>();
  const log: GcsFake['log'] = [];
  const faults: Array<{ status: number; reason: string }> = [];
  let generation = 1_000;

  function resource(object: StoredGcsObject) {
    const crc = new CRC32C();
    crc.update(object.data);
    return {
      kind: 'storage#object',
      id: `${bucket}/${object.name}/${object.generation}`,
      name: object.name,
      bucket,
      generation: String(object.generation),
      metageneration: '1',
      contentType: object.contentType,
      size: String(object.data.length),
      md5Hash: createHash('md5').update(object.data).digest('base64'),
      crc32c: crc.toString(),
      etag: `CP${object.generation}`,
      timeCreated: object.updated.toISOString(),
      updated: object.updated.toISOString(),
      metadata: object.metadata,
    };
  }

  function store(name: string, data: Buffer, contentType: string, metadata: Record<string, string>) {
    const object = { name, data, contentType, metadata, generation: ++generation, updated: new Date() };
    objects.set(name, object);
    return object;
  }

  function checkParams(query: URLSearchParams, kind: keyof typeof allowed) {
    for (const name of query.keys()) {
      if (!allowed[kind]?.has(name)) throw new HttpFailure(400, `unexpected parameter ${name}`);
    }
  }

  function existing(name: string, query: URLSearchParams): StoredGcsObject {
    const object = objects.get(name);
    if (object === undefined) throw new HttpFailure(404, 'notFound');
    const wanted = query.get('generation');
    if (wanted !== null && Number(wanted) !== object.generation) throw new HttpFailure(404, 'notFound');
    return object;
  }

  function sendMedia(response: ServerResponse, object: StoredGcsObject) {
    const meta = resource(object);
    response.writeHead(200, {
      'content-type': object.contentType,
      'content-length': object.data.length,
      'x-goog-hash': `crc32c=${meta.crc32c},md5=${meta.md5Hash}`,
      'x-goog-generation': String(object.generation),
    });
    response.end(object.data);
  }

  async function handle(request: IncomingMessage, response: ServerResponse, body: Buffer, origin: string) {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    if (url.searchParams.has('X-Goog-Signature')) return signedRequest(request, response, body, url, rawPath);
    const fault = faults.shift();
    if (fault !== undefined) throw new HttpFailure(fault.status, fault.reason);
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(rawPath);
    if (upload !== null) {
      if (decodeURIComponent(upload[1] ?? '') !== bucket) throw new HttpFailure(404, 'bucket notFound');
      checkParams(url.searchParams, 'upload');
      return uploadRequest(method, request, response, body, url);
    }
    // `/storage/v1` with apiEndpoint, bare with STORAGE_EMULATOR_HOST: accept both.
    const api = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o(?:\/([^/]+))?$/.exec(rawPath);
    if (api === null || decodeURIComponent(api[1] ?? '') !== bucket)
      throw new HttpFailure(404, `no route ${rawPath}`);
    if (api[2] === undefined) {
      if (method !== 'GET') throw new HttpFailure(405, 'method not allowed');
      checkParams(url.searchParams, 'list');
      return json(response, 200, list(url.searchParams));
    }
    const name = decodeURIComponent(api[2]);
    if (method === 'GET') {
      checkParams(url.searchParams, 'get');
      const object = existing(name, url.searchParams);
      const alt = url.searchParams.get('alt');
      if (alt === 'media') return sendMedia(response, object);
      if (alt !== null && alt !== 'json') throw new HttpFailure(400, `bad alt ${alt}`);
      return json(response, 200, resource(object));
    }
    if (method === 'DELETE') {
      checkParams(url.searchParams, 'delete');
      existing(name, url.searchParams);
      objects.delete(name);
      response.writeHead(204).end();
      return;
    }
    throw new HttpFailure(405, 'method not allowed');
  }

  function list(query: URLSearchParams) {
    const prefix = query.get('prefix') ?? '';
    const maxResults = Number(query.get('maxResults') ?? 1000);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000)
      throw new HttpFailure(400, 'bad maxResults');
    if (query.has('delimiter')) throw new HttpFailure(400, 'delimiter is not supported by this fake');
    const token = query.get('pageToken');
    const after = token === null ? undefined : Buffer.from(token, 'base64url').toString('utf8');
    if (token !== null && !after?.startsWith('after:')) throw new HttpFailure(400, 'invalid pageToken');
    const names = [...objects.keys()]
      .filter(
        (name) => name.startsWith(prefix) && (after === undefined || compareBytes(name, after.slice(6)) > 0),
      )
      .sort(compareBytes);
    const page = names.slice(0, maxResults);
    const last = page.at(-1);
    return {
      kind: 'storage#objects',
      items: page.map((name) => resource(objects.get(name) as StoredGcsObject)),
      ...(names.length > maxResults && last !== undefined
        ? { nextPageToken: Buffer.from(`after:${last}`, 'utf8').toString('base64url') }
        : {}),
    };
  }

  function uploadRequest(
    method: string,
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    url: URL,
  ) {
    const type = url.searchParams.get('uploadType');
    if (type === 'multipart' && method === 'POST') {
      const { meta, media } = parseMultipart(request, body);
      checkHash(request, media);
      const object = store(
        requiredName(meta.name ?? url.searchParams.get('name')),
        media,
        meta.contentType ?? 'application/octet-stream',
        meta.metadata ?? {},
      );
      return json(response, 200, resource(object));
    }
    if (type === 'resumable' && method === 'POST') {
      const meta = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as UploadMeta);
      const id = randomUUID();
      sessions.set(id, {
        name: requiredName(meta.name ?? url.searchParams.get('name')),
        contentType:
          meta.contentType ?? header(request, 'x-upload-content-type') ?? 'application/octet-stream',
        metadata: meta.metadata ?? {},
        received: [],
        size: 0,
      });
      const location = new URL(url);
      location.searchParams.set('upload_id', id);
      response.writeHead(200, { location: location.toString(), 'content-length': 0 }).end();
      return;
    }
    if (type === 'resumable' && method === 'PUT') return resumableChunk(request, response, body, url);
    throw new HttpFailure(400, `unsupported upload ${method} ${type}`);
  }

  function resumableChunk(request: IncomingMessage, response: ServerResponse, body: Buffer, url: URL) {
    const session = sessions.get(url.searchParams.get('upload_id') ?? '');
    if (session === undefined) throw new HttpFailure(404, 'no such upload session');
    const range = header(request, 'content-range') ?? `bytes 0-${body.length - 1}/${body.length}`;
    // `a-b/total` is a chunk; `a-*/…` is the SDK's single streaming request, final when its body ends.
    const match = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(range);
    if (match === null) throw new HttpFailure(400, `bad Content-Range ${range}`);
    const [, first, lastByte, total] = match;
    if (first !== undefined) {
      if (Number(first) !== session.size)
        throw new HttpFailure(400, `chunk starts at ${first}, expected ${session.size}`);
      if (lastByte !== '*' && Number(lastByte) - Number(first) + 1 !== body.length) {
        throw new HttpFailure(400, 'Content-Range does not match the body');
      }
      session.received.push(body);
      session.size += body.length;
    } else if (body.length > 0) {
      throw new HttpFailure(400, 'a status query carries no body');
    }
    const final = lastByte === '*' || (total !== '*' && Number(total) === session.size);
    if (total !== '*' && Number(total) < session.size)
      throw new HttpFailure(400, 'more bytes than the declared total');
    if (final) {
      if (total !== '*' && Number(total) !== session.size)
        throw new HttpFailure(400, 'fewer bytes than the declared total');
      sessions.delete(url.searchParams.get('upload_id') ?? '');
      const data = Buffer.concat(session.received);
      checkHash(request, data);
      const object = store(session.name, data, session.contentType, session.metadata);
      return json(response, 200, resource(object));
    }
    response.writeHead(308, session.size === 0 ? {} : { range: `bytes=0-${session.size - 1}` }).end();
  }

  function signedRequest(
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    url: URL,
    rawPath: string,
  ) {
    const method = request.method ?? 'GET';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers[name] = value;
    const verdict = verifyGcsV4SignedUrl({
      method,
      url: `${url.origin}${request.url ?? '/'}`,
      headers,
      publicKey: options.publicKey,
      clientEmail: options.clientEmail,
      now: options.now?.(),
    });
    if (!verdict.ok)
      return xmlError(
        response,
        verdict.expired ? 400 : 403,
        verdict.expired ? 'ExpiredToken' : 'SignatureDoesNotMatch',
        verdict.reason,
      );
    const match = /^\/([^/]+)\/(.+)$/.exec(rawPath);
    if (match === null || decodeURIComponent(match[1] ?? '') !== bucket)
      return xmlError(response, 404, 'NoSuchBucket', 'no such bucket');
    const name = decodeURIComponent(match[2] ?? '');
    if (method === 'GET') {
      const object = objects.get(name);
      if (object === undefined) return xmlError(response, 404, 'NoSuchKey', 'no such key');
      return sendMedia(response, object);
    }
    if (method === 'PUT') {
      const range = verdict.signedHeaders.includes('x-goog-content-length-range')
        ? headers['x-goog-content-length-range']
        : undefined;
      const [low, high] = (range ?? '').split(',').map(Number);
      if (range !== undefined && (body.length < (low ?? 0) || body.length > (high ?? 0))) {
        return xmlError(response, 400, 'EntityTooLarge', 'body outside x-goog-content-length-range');
      }
      store(name, body, headers['content-type'] ?? 'application/octet-stream', {});
      response.writeHead(200, { 'content-length': 0 }).end();
      return;
    }
    return xmlError(response, 405, 'MethodNotAllowed', 'method not allowed');
  }

  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
    readBody(request)
      .then((body) => handle(request, response, body, origin))
      .catch((error: unknown) => {
        const status = error instanceof HttpFailure ? error.status : 500;
        json(response, status, {
          error: {
            code: status,
            message: String((error as Error).message),
            errors: [{ reason: String((error as Error).message) }],
          },
        });
      })
      .finally(() =>
        log.push({ method: request.method ?? '', path: request.url ?? '', status: response.statusCode }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    log,
    injectFaults: (list) => faults.push(...list),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface UploadMeta {
  name?: string;
  contentType?: string;
  metadata?: Record<string, string>;
}

/** The SDK sends `X-Goog-Hash: crc32c=…` with the final bytes; GCS refuses a mismatch, so does the fake. */
function checkHash(request: IncomingMessage, data: Buffer): void {
  const claimed = /crc32c=([^,]+)/.exec(header(request, 'x-goog-hash') ?? '')?.[1];
  if (claimed === undefined) return;
  const crc = new CRC32C();
  crc.update(data);
  if (crc.toString() !== claimed) throw new HttpFailure(400, 'crc32c mismatch');
}

function requiredName(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') throw new HttpFailure(400, 'object name required');
  return name;
}

/** multipart/related: a JSON part (object resource) then the media part. */
function parseMultipart(request: IncomingMessage, body: Buffer): { meta: UploadMeta; media: Buffer } {
  const boundary = /boundary="?([^";]+)"?/.exec(header(request, 'content-type') ?? '')?.[1];
  if (boundary === undefined || !/^multipart\/related/.test(header(request, 'content-type') ?? '')) {
    throw new HttpFailure(400, 'multipart upload needs multipart/related with a boundary');
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    parts.push(body.subarray(start + delimiter.length, next));
    start = next;
  }
  if (parts.length !== 2) throw new HttpFailure(400, `expected 2 parts, got ${parts.length}`);
  const [metaPart, mediaPart] = parts.map((part) => {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) throw new HttpFailure(400, 'part without headers');
    return part.subarray(split + 4, part.length - 2); // the CRLF before the next delimiter
  }) as [Buffer, Buffer];
  return { meta: JSON.parse(metaPart.toString('utf8')) as UploadMeta, media: Buffer.from(mediaPart) };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function compareBytes(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

function json(response: ServerResponse, status: number, value: unknown) {
  const text = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function xmlError(response: ServerResponse, status: number, code: string, message: string) {
  const text = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
