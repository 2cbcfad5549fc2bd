import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { AppError } from '../errors/app-error.js';
import type { StorageBody } from './storage-backend.js';

/** S3 caps user metadata at 2 KB; the same limit everywhere keeps backends interchangeable. */
export const maxMetadataBytes = 2048;
/** SigV4 and V4 signed URLs both top out at seven days. */
export const maxExpirySeconds = 7 * 24 * 3600;

const metadataName = /^[a-z0-9][a-z0-9_-]{0,127}$/;
// Header-safe printable ASCII: S3 sends metadata as headers and would mangle anything else.
const metadataValue = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;
const contentTypePattern =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(?:\s*;\s*[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

/** Metadata every backend stores identically: lower-case names, printable ASCII values. */
export function checkMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const entries = Object.entries(metadata ?? {});
  let bytes = 0;
  for (const [name, value] of entries) {
    if (!metadataName.test(name)) {
      throw invalid(`metadata name "${name}" must be lower-case letters, digits, "-" or "_"`);
    }
    if (typeof value !== 'string' || !metadataValue.test(value)) {
      throw invalid(`metadata "${name}" must be printable ASCII without leading or trailing spaces`);
    }
    bytes += name.length + value.length;
  }
  if (bytes > maxMetadataBytes) throw invalid(`metadata must be at most ${maxMetadataBytes} bytes in total`);
  return Object.fromEntries(entries);
}

export function checkContentType(contentType: string): string {
  if (typeof contentType !== 'string' || contentType.length > 255 || !contentTypePattern.test(contentType)) {
    throw invalid('content type must look like "type/subtype", e.g. image/png');
  }
  return contentType;
}

export function checkExpiry(expiresInSeconds: number): number {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > maxExpirySeconds) {
    throw invalid(`expiry must be a whole number of seconds from 1 to ${maxExpirySeconds}`);
  }
  return expiresInSeconds;
}

export function checkMaxBytes(maxBytes: number | undefined): number | undefined {
  if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes < 0)) {
    throw invalid('maxBytes must be a non-negative whole number');
  }
  return maxBytes;
}

export function checkLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw invalid(`limit must be from 1 to ${max}`);
  return limit;
}

/** Any accepted body as a Node stream. */
export function toReadable(body: StorageBody): Readable {
  if (body instanceof Uint8Array) return Readable.from([body], { objectMode: false });
  if (body instanceof Readable) return body;
  return Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>);
}
