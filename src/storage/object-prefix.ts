import { checkKey } from './asset-keys.js';

/** `S3_PREFIX`/`GCS_PREFIX`: `assets` and `/assets/` both mean the folder `assets/`; empty means the bucket root. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${checkKey(trimmed)}/`;
}
