import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a local presigned URL grants: one method on one key until a time, within a size. */
export interface AssetGrant {
  method: 'GET' | 'PUT';
  key: string;
  /** Unix seconds. */
  expires: number;
  maxBytes: number | undefined;
  /** PUT only: the Content-Type the uploader must send. */
  contentType: string | undefined;
}

// Versioned and newline-joined: no field can contain a newline (keys and content types reject controls).
function stringToSign(grant: AssetGrant): string {
  return [
    'ADENGINE-ASSET-V1',
    grant.method,
    grant.key,
    String(grant.expires),
    grant.maxBytes === undefined ? '' : String(grant.maxBytes),
    grant.contentType ?? '',
  ].join('\n');
}

export function signGrant(secret: string, grant: AssetGrant): string {
  return createHmac('sha256', secret).update(stringToSign(grant)).digest('base64url');
}

/**
 * Constant-time comparison, so response timing tells nothing about how close a forgery came. The text
 * is compared, not the decoded bytes: base64 has several spellings of the same bytes, and a changed
 * link must not still pass.
 */
export function verifyGrant(secret: string, grant: AssetGrant, signature: string): boolean {
  const expected = Buffer.from(signGrant(secret, grant), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(expected, given);
}
