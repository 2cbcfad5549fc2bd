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
  return (await findApiKeyOwner(db, key))?.user;
}

/** The user and key id of a live bearer key; unknown and revoked keys are undefined. */
export async function findApiKeyOwner(
  db: Kysely<Tables>,
  key: string,
): Promise<{ user: User; keyId: string; lastUsedAt: Date | null } | undefined> {
  if (!key.startsWith(keyPrefix) || key.length > 200) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .selectAll('users')
    .select(['api_keys.id as key_id', 'api_keys.last_used_at as key_last_used_at'])
    .where('api_keys.key_hash', '=', hashApiKey(key))
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { key_id: keyId, key_last_used_at: lastUsedAt, ...user } = row;
  return { user, keyId, lastUsedAt: lastUsedAt === null ? null : new Date(lastUsedAt) };
}

/** Records a key's use; a key used again within a minute is not written again. */
export async function touchApiKey(db: Kysely<Tables>, keyId: string, now: Date): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', keyId)
    .where((where) =>
      where.or([
        where('last_used_at', 'is', null),
        where('last_used_at', '<', new Date(now.getTime() - 60_000)),
      ]),
    )
    .execute();
}

/** What is known of a key without the key itself (only its hash is kept). */
export interface ApiKeyRecord {
  id: string;
  prefix: string;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A user's keys, oldest first. */
export async function listApiKeys(db: Kysely<Tables>, userId: string): Promise<ApiKeyRecord[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  }));
}

/** Revokes a key; answers the record, or undefined when there is no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(
  db: Kysely<Tables>,
  keyId: string,
  now: Date,
): Promise<ApiKeyRecord | undefined> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db.selectFrom('api_keys').select('user_id').where('id', '=', keyId).executeTakeFirst();
  if (row === undefined) return undefined;
  return (await listApiKeys(db, row.user_id)).find((key) => key.id === keyId);
}

/** Which of these key ids are still live (not revoked). */
export async function liveApiKeyIds(db: Kysely<Tables>, keyIds: readonly string[]): Promise<Set<string>> {
  if (keyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('api_keys')
    .select('id')
    .where('id', 'in', [...keyIds])
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.id));
}
