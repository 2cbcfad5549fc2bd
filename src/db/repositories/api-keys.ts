import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables, User } from '../tables.js';

const keyPrefix = 'ae_';

/** Only the SHA-256 of a key is stored: a 256-bit random key needs no slow hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Returns the plain key once; it cannot be recovered later. */
export async function createApiKey(
  db: Kysely<Tables>,
  key: { id: string; userId: string; name?: string | undefined },
): Promise<{ id: string; key: string; prefix: string }> {
  const { id, userId, name } = key;
  const secret = keyPrefix + randomBytes(32).toString('base64url');
  const prefix = secret.slice(0, 10);
  await db
    .insertInto('api_keys')
    .values({
      id,
      user_id: userId,
      key_hash: hashApiKey(secret),
      prefix,
      name: name ?? null,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, key: secret, prefix };
}

/** The user a bearer key belongs to, or undefined for unknown or revoked keys. */
export async function findUserByApiKey(db: Kysely<Tables>, key: string): Promise<User | undefined> {
  if (!key.startsWith(keyPrefix) || key.length > 200) return undefined;
  return db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .selectAll('users')
    .where('api_keys.key_hash', '=', hashApiKey(key))
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
}
