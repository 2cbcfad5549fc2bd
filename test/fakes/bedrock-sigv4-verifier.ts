import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Recomputes AWS SigV4 signatures the way the service does, for the Bedrock and SageMaker stand-ins.
 * It does not check clock skew, and it trusts `x-amz-content-sha256` as S3 would.
 */
export interface AwsKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Raw path and query as received, still percent-encoded. */
  rawPath: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export type SigV4Verdict =
  | { ok: true; accessKeyId: string }
  | {
      ok: false;
      errorType:
        | 'InvalidSignatureException'
        | 'UnrecognizedClientException'
        | 'MissingAuthenticationTokenException';
      message: string;
    };

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;:_-]+), ?Signature=([0-9a-f]{64})$/;

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const part of search.split('&')) {
    if (part === '') continue;
    const [rawKey = '', rawValue = ''] = part.split('=', 2) as [string, string?];
    const key = decodeURIComponent(rawKey);
    const value = decodeURIComponent(rawValue);
    const existing = query[key];
    query[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/** `20250101T120000Z` → Date. */
function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0));
}

export async function verifySigV4(
  request: SignedRequest,
  expected: { service: string; region: string; keys: readonly AwsKeyPair[] },
): Promise<SigV4Verdict> {
  const authorization = header(request.headers, 'authorization');
  if (authorization === undefined) {
    return {
      ok: false,
      errorType: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    };
  }
  const match = authorizationPattern.exec(authorization);
  if (match === null)
    return { ok: false, errorType: 'InvalidSignatureException', message: 'Malformed Authorization header' };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList = '', signature = ''] = match;
  const key = expected.keys.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (key === undefined) {
    return {
      ok: false,
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (region !== expected.region || service !== expected.service) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `Credential should be scoped to ${expected.region}/${expected.service}`,
    };
  }
  const amzDate = header(request.headers, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (signingDate === undefined || !amzDate.startsWith(scopeDate ?? '')) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: 'X-Amz-Date is missing or does not match the credential scope',
    };
  }
  const signedNames = signedHeaderList.split(';');
  if (!signedNames.includes('host') && !signedNames.includes(':authority')) {
    return { ok: false, errorType: 'InvalidSignatureException', message: 'The host header must be signed' };
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value =
      header(request.headers, name) ?? (name === 'host' ? header(request.headers, ':authority') : undefined);
    if (value === undefined)
      return {
        ok: false,
        errorType: 'InvalidSignatureException',
        message: `Signed header ${name} is missing`,
      };
    headers[name] = value;
  }
  const [path = '/', search = ''] = request.rawPath.split('?', 2) as [string, string?];
  const signer = new SignatureV4({
    service: expected.service,
    region: expected.region,
    credentials: key,
    sha256: Sha256,
  });
  const recomputed = await signer.sign(
    new HttpRequest({ method: request.method, path, query: parseQuery(search), headers, body: request.body }),
    { signingDate, signableHeaders: new Set(signedNames) },
  );
  const again = /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization))?.[1] ?? '';
  const same =
    again.length === signature.length && timingSafeEqual(Buffer.from(again), Buffer.from(signature));
  if (!same) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  }
  return { ok: true, accessKeyId: key.accessKeyId };
}
