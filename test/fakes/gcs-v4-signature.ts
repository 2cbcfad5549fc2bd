import { createHash, verify } from 'node:crypto';

export type V4Verdict =
  | { ok: true; signedHeaders: string[] }
  | { ok: false; expired: boolean; reason: string };

/** RFC 3986 encoding, as the V4 canonical query requires. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function parseDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
}

/**
 * Checks a Cloud Storage V4 signed URL (GOOG4-RSA-SHA256) the way GCS does: rebuilds the canonical
 * request from the URL and the request's headers and verifies the signature with the public key.
 * `host` is signed without the port, as the SDK signs it.
 */
export function verifyGcsV4SignedUrl(request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  publicKey: string;
  clientEmail: string;
  now?: Date;
}): V4Verdict {
  const fail = (reason: string, expired = false): V4Verdict => ({ ok: false, expired, reason });
  const raw = request.url;
  const queryIndex = raw.indexOf('?');
  const url = new URL(raw);
  const rawPath = raw.slice(url.origin.length, queryIndex === -1 ? undefined : queryIndex);
  const query = url.searchParams;
  const credential = query.get('X-Goog-Credential') ?? '';
  const date = parseDate(query.get('X-Goog-Date') ?? '');
  const expires = Number(query.get('X-Goog-Expires'));
  const signature = query.get('X-Goog-Signature') ?? '';
  const signedHeaders = (query.get('X-Goog-SignedHeaders') ?? '').split(';');
  if (query.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256') return fail('unsupported algorithm');
  if (date === undefined || !Number.isInteger(expires) || expires < 1 || expires > 604_800)
    return fail('bad date or expiry');
  const scope = `${date.toISOString().slice(0, 10).replace(/-/g, '')}/auto/storage/goog4_request`;
  if (credential !== `${request.clientEmail}/${scope}`)
    return fail('credential does not match the signer or date');
  if (!/^[0-9a-f]+$/.test(signature)) return fail('signature is not hex');
  const now = request.now ?? new Date();
  if (now.getTime() < date.getTime() - 15 * 60 * 1000) return fail('signed in the future');
  if (now.getTime() > date.getTime() + expires * 1000) return fail('expired', true);
  if (!signedHeaders.includes('host')) return fail('host must be signed');

  const lowerHeaders = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  lowerHeaders.host = url.hostname;
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(lowerHeaders[name] ?? '').trim().replace(/\s{2,}/g, ' ')}\n`)
    .join('');
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Goog-Signature')
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort((left, right) => (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = [
    request.method.toUpperCase(),
    rawPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    query.get('X-Goog-Date'),
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(stringToSign),
    request.publicKey,
    Buffer.from(signature, 'hex'),
  );
  return valid ? { ok: true, signedHeaders } : fail('signature does not match');
}
