import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import S3rver from 's3rver';

/**
 * s3rver checks no signatures, so this front recomputes every request's SigV4 signature (header-signed
 * and presigned) with the known secret, and answers S3's own XML errors before anything reaches s3rver.
 * Not checked: SigV4a, aws-chunked streaming signatures (refused outright), POST policies, bucket policies.
 */
export interface S3StandIn {
  endpoint: string;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Each request's method, path and the front's verdict, for assertions. */
  log: Array<{ method: string; path: string; status: number; code: string | undefined }>;
  /** Answers the next requests with these errors (after signature checks), to exercise retries. */
  injectFaults(faults: Array<{ status: number; code: string }>): void;
  close(): Promise<void>;
}

export interface S3StandInOptions {
  bucket?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  now?: () => Date;
}

const maxClockSkewMs = 15 * 60 * 1000;
const maxBufferedBody = 64 * 1024 * 1024;

export async function startS3VerifyingFront(options: S3StandInOptions = {}): Promise<S3StandIn> {
  const bucket = options.bucket ?? 'adengine-test';
  const region = options.region ?? 'us-east-1';
  // s3rver only knows the key pair S3RVER/S3RVER; the front is what checks the secret.
  const credentials = {
    accessKeyId: options.accessKeyId ?? 'S3RVER',
    secretAccessKey: options.secretAccessKey ?? 'S3RVER',
  };
  const now = options.now ?? (() => new Date());
  const directory = await mkdtemp(path.join(tmpdir(), 'adengine-s3rver-'));
  const s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port: backendPort } = (await s3rver.run()) as AddressInfo;
  const signer = new SignatureV4({
    credentials,
    region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const log: S3StandIn['log'] = [];
  const faults: Array<{ status: number; code: string }> = [];

  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) sendError(outgoing, incoming, 500, 'InternalError', String(error));
      else outgoing.destroy();
    });
  });

  function sendError(
    response: ServerResponse,
    request: IncomingMessage,
    status: number,
    code: string,
    message: string,
  ) {
    log.push({ method: request.method ?? '', path: request.url ?? '', status, code });
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>front</RequestId></Error>`;
    response.writeHead(status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    if (body === undefined)
      return sendError(outgoing, incoming, 400, 'EntityTooLarge', 'the front buffers at most 64 MiB');
    const verdict = await verify(incoming, body);
    if (verdict !== undefined)
      return sendError(outgoing, incoming, verdict.status, verdict.code, verdict.message);
    const fault = faults.shift();
    if (fault !== undefined) return sendError(outgoing, incoming, fault.status, fault.code, 'injected fault');
    const headers = { ...incoming.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const proxied = httpRequest({
      host: '127.0.0.1',
      port: backendPort,
      method: incoming.method,
      path: incoming.url,
      headers,
    });
    proxied.on('response', (answer) => {
      log.push({
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        status: answer.statusCode ?? 0,
        code: undefined,
      });
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    proxied.on('error', () => outgoing.destroy());
    proxied.end(body);
  }

  async function verify(incoming: IncomingMessage, body: Buffer) {
    const url = incoming.url ?? '/';
    const queryIndex = url.indexOf('?');
    const rawPath = queryIndex === -1 ? url : url.slice(0, queryIndex);
    const query = parseQuery(queryIndex === -1 ? '' : url.slice(queryIndex + 1));
    const [hostname, portText] = (incoming.headers.host ?? '').split(':');
    const base = {
      method: incoming.method ?? 'GET',
      protocol: 'http:',
      hostname,
      port: portText ? Number(portText) : undefined,
      path: rawPath,
    };
    const authorization = incoming.headers.authorization;
    if (typeof query['X-Amz-Signature'] === 'string') return verifyPresigned(incoming, base, query);
    if (authorization !== undefined) return verifyHeaderSigned(incoming, base, query, authorization, body);
    return { status: 403, code: 'AccessDenied', message: 'Anonymous access is denied' };
  }

  async function verifyPresigned(incoming: IncomingMessage, base: RequestBase, query: Query) {
    const given = String(query['X-Amz-Signature']);
    const credential = String(query['X-Amz-Credential'] ?? '');
    const signedHeaders = String(query['X-Amz-SignedHeaders'] ?? '').split(';');
    const date = parseAmzDate(String(query['X-Amz-Date'] ?? ''));
    const expires = Number(query['X-Amz-Expires']);
    if (query['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256' || date === undefined || !Number.isInteger(expires)) {
      return { status: 400, code: 'AuthorizationQueryParametersError', message: 'malformed presigned query' };
    }
    if (!credential.startsWith(`${credentials.accessKeyId}/`)) {
      return { status: 403, code: 'InvalidAccessKeyId', message: 'unknown access key' };
    }
    if (expires < 1 || expires > 604_800) {
      return {
        status: 400,
        code: 'AuthorizationQueryParametersError',
        message: 'X-Amz-Expires out of range',
      };
    }
    if (now().getTime() > date.getTime() + expires * 1000) {
      return { status: 403, code: 'AccessDenied', message: 'Request has expired' };
    }
    if (!signedHeaders.includes('host'))
      return { status: 400, code: 'AuthorizationQueryParametersError', message: 'host must be signed' };
    const rest = Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'X-Amz-Signature'));
    const headers = pickHeaders(incoming, signedHeaders);
    headers['x-amz-content-sha256'] = String(query['X-Amz-Content-Sha256'] ?? 'UNSIGNED-PAYLOAD');
    const expected = await signer.presign(new HttpRequest({ ...base, query: rest, headers }), {
      signingDate: date,
      expiresIn: expires,
      signableHeaders: new Set(signedHeaders),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
    });
    const expectedQuery = expected.query ?? {};
    if (
      !sameText(String(expectedQuery['X-Amz-Signature']), given) ||
      expectedQuery['X-Amz-SignedHeaders'] !== signedHeaders.join(';')
    ) {
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match',
      };
    }
    return undefined;
  }

  async function verifyHeaderSigned(
    incoming: IncomingMessage,
    base: RequestBase,
    query: Query,
    authorization: string,
    body: Buffer,
  ) {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    if (match === null)
      return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'malformed Authorization' };
    const [, credential = '', signedList = '', given = ''] = match;
    const signedHeaders = signedList.split(';');
    if (!credential.startsWith(`${credentials.accessKeyId}/`)) {
      return { status: 403, code: 'InvalidAccessKeyId', message: 'unknown access key' };
    }
    const payloadHash = header(incoming, 'x-amz-content-sha256');
    const date = parseAmzDate(header(incoming, 'x-amz-date') ?? '');
    if (
      payloadHash === undefined ||
      date === undefined ||
      !signedHeaders.includes('host') ||
      !signedHeaders.includes('x-amz-date')
    ) {
      return {
        status: 400,
        code: 'InvalidRequest',
        message: 'x-amz-date, x-amz-content-sha256 and host must be signed',
      };
    }
    if (Math.abs(now().getTime() - date.getTime()) > maxClockSkewMs) {
      return { status: 403, code: 'RequestTimeTooSkewed', message: 'clock skew too large' };
    }
    if (payloadHash.startsWith('STREAMING-')) {
      return {
        status: 501,
        code: 'NotImplemented',
        message: 'aws-chunked bodies are not accepted by this stand-in',
      };
    }
    if (
      payloadHash !== 'UNSIGNED-PAYLOAD' &&
      createHash('sha256').update(body).digest('hex') !== payloadHash
    ) {
      return {
        status: 400,
        code: 'XAmzContentSHA256Mismatch',
        message: 'body does not match x-amz-content-sha256',
      };
    }
    const headers = pickHeaders(incoming, signedHeaders);
    const signed = await signer.sign(new HttpRequest({ ...base, query, headers }), {
      signingDate: date,
      signableHeaders: new Set(signedHeaders),
    });
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1] ?? '';
    const expectedList = /SignedHeaders=([^,]+)/.exec(String(signed.headers.authorization ?? ''))?.[1];
    if (!sameText(expected, given) || expectedList !== signedList) {
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match',
      };
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    credentials,
    log,
    injectFaults: (list) => faults.push(...list),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

type Query = Record<string, string | string[]>;
type RequestBase = {
  method: string;
  protocol: string;
  hostname: string | undefined;
  port: number | undefined;
  path: string;
};

/** Decodes like S3: `%XX` only (a `+` stays a plus; the SDK never sends a raw one). */
function parseQuery(text: string): Query {
  const query: Query = {};
  for (const pair of text.split('&').filter(Boolean)) {
    const index = pair.indexOf('=');
    const name = decodeURIComponent(index === -1 ? pair : pair.slice(0, index));
    const value = index === -1 ? '' : decodeURIComponent(pair.slice(index + 1));
    const existing = query[name];
    query[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

function header(incoming: IncomingMessage, name: string): string | undefined {
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function pickHeaders(incoming: IncomingMessage, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = header(incoming, name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function parseAmzDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(incoming: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of incoming) {
    total += (chunk as Buffer).length;
    if (total > maxBufferedBody) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
