import { AppError } from '../errors/app-error.js';

/** S3's own limit on object key length, applied to every backend so keys move between them. */
export const maxKeyBytes = 1024;
/** Most file systems cap a name at 255 bytes; the local backend stores one file per key segment. */
export const maxSegmentBytes = 255;

// C0, DEL and C1 controls: invisible in logs and listings, and some break HTTP headers.
function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const kindPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;
const extensionPattern = /^[a-z0-9]{1,10}$/;

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

function checkText(value: string, what: string): void {
  if (hasControlCharacter(value)) throw invalid(`${what} must not contain control characters`);
  if (loneSurrogate.test(value)) throw invalid(`${what} must be valid Unicode text`);
  if (value.includes('\\')) throw invalid(`${what} must not contain backslashes; use "/" between segments`);
}

function checkSegments(segments: string[], what: string): void {
  for (const segment of segments) {
    if (segment === '') throw invalid(`${what} must not have empty segments ("//", or "/" at either end)`);
    if (segment === '.' || segment === '..') throw invalid(`${what} must not have "." or ".." segments`);
    if (Buffer.byteLength(segment, 'utf8') > maxSegmentBytes) {
      throw invalid(`${what} segments must be at most ${maxSegmentBytes} bytes`);
    }
  }
}

/** Validates a key from outside: relative, `/`-separated, no traversal, no control characters. */
export function checkKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw invalid('key must be a non-empty string');
  if (Buffer.byteLength(key, 'utf8') > maxKeyBytes) throw invalid(`key must be at most ${maxKeyBytes} bytes`);
  checkText(key, 'key');
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key))
    throw invalid('key must be relative, not an absolute path');
  checkSegments(key.split('/'), 'key');
  return key;
}

/** A list prefix may be empty or end with "/", but obeys the key rules otherwise. */
export function checkPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  if (Buffer.byteLength(prefix, 'utf8') > maxKeyBytes)
    throw invalid(`prefix must be at most ${maxKeyBytes} bytes`);
  checkText(prefix, 'prefix');
  if (prefix.startsWith('/')) throw invalid('prefix must be relative, not an absolute path');
  const segments = prefix.split('/');
  if (prefix.endsWith('/')) segments.pop();
  const last = segments.pop() ?? '';
  checkSegments(segments, 'prefix');
  // The last segment is a partial name ("users/u1/im"), but never a traversal.
  if (last === '..' || last === '.') throw invalid('prefix must not have "." or ".." segments');
  return prefix;
}

export function checkUserId(userId: string): string {
  if (typeof userId !== 'string' || userId.length === 0) throw invalid('user id must be a non-empty string');
  checkText(userId, 'user id');
  if (userId.includes('/')) throw invalid('user id must not contain "/"');
  checkSegments([userId], 'user id');
  return userId;
}

export function userPrefix(userId: string): string {
  return `users/${checkUserId(userId)}/`;
}

/** A key a user named: valid, and inside that user's own prefix. */
export function checkUserKey(userId: string, key: string): string {
  const prefix = userPrefix(userId);
  checkKey(key);
  if (!key.startsWith(prefix)) throw new AppError('FORBIDDEN', 'the key is outside your own storage area');
  return key;
}

export interface NewAssetKeyParams {
  userId: string;
  /** `images`, `videos`, `uploads`, `exports`…: lower-case letters, digits and hyphens. */
  kind: string;
  extension: string;
  now: Date;
  newId: () => string;
}

/** The only way the server names an asset: `users/{userId}/{kind}/{yyyy}/{mm}/{uuid}.{ext}`. */
export function newAssetKey({ userId, kind, extension, now, newId }: NewAssetKeyParams): string {
  if (!kindPattern.test(kind)) throw invalid('asset kind must be lower-case letters, digits and hyphens');
  const ext = extension.replace(/^\./, '').toLowerCase();
  if (!extensionPattern.test(ext)) throw invalid('file extension must be 1 to 10 letters or digits');
  const id = newId();
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id))
    throw new AppError('INTERNAL', 'the id generator returned an unusable id');
  return checkUserKey(userId, `${userPrefix(userId)}${kind}/${datePath(now)}/${id}.${ext}`);
}

/** `yyyy/mm` in UTC, so a key does not depend on the server's time zone. */
export function datePath(now: Date): string {
  return `${now.getUTCFullYear().toString().padStart(4, '0')}/${(now.getUTCMonth() + 1).toString().padStart(2, '0')}`;
}
