import { createHash } from 'node:crypto';
import { inTransaction } from '../db/in-transaction.js';
import {
  type ApiKeyRecord,
  createApiKey,
  findApiKeyOwner,
  listApiKeys as listApiKeyRows,
  liveApiKeyIds,
  revokeApiKey as revokeApiKeyRow,
  touchApiKey,
} from '../db/repositories/api-keys.js';
import {
  findLocalUser,
  findUserByEmail,
  insertUser,
  listUsers as listUserRows,
  localUserEmail,
} from '../db/repositories/users.js';
import type { User } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import type { CoreDeps } from './core-deps.js';
import { isUuid } from './ids.js';

export type { ApiKeyRecord, User };

type AccountDeps = Pick<CoreDeps, 'db' | 'ledger' | 'clock'>;

/** A user and their (empty) credit account, in one transaction; `credits` are granted after. */
export async function createUser(
  deps: AccountDeps,
  input: { email: string; name?: string | undefined; credits?: number | undefined; isLocal?: boolean },
): Promise<User> {
  const user = await inTransaction(deps.db, async (trx) => {
    const created = await insertUser(trx, {
      id: deps.clock.newId(),
      email: input.email,
      name: input.name,
      ...(input.isLocal === undefined ? {} : { isLocal: input.isLocal }),
    });
    await deps.ledger.openAccount(created.id, trx);
    return created;
  });
  if (input.credits !== undefined && input.credits > 0) {
    await deps.ledger.grant({
      userId: user.id,
      amount: input.credits,
      reason: 'initial credits',
      idempotencyKey: 'initial-credits',
    });
  }
  return user;
}

/** A new API key for the user, returned this once (only its hash is kept). */
export function issueApiKey(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  userId: string,
  name?: string,
): Promise<{ id: string; key: string; prefix: string }> {
  return createApiKey(deps.db, { id: deps.clock.newId(), userId, name });
}

/** The user a bearer key belongs to; unknown and revoked keys are UNAUTHORIZED. */
export async function authenticate(deps: Pick<CoreDeps, 'db' | 'clock'>, key: string): Promise<User> {
  return (await authenticateKey(deps, key)).user;
}

/**
 * Bearer keys seen in the last seconds, by SHA-256 of the key, per database: a call re-reads no
 * key row. A key revoked here is dropped at once; one revoked by another process stops working
 * within `keyCacheTtlMs` (docs/scale-out.md). Unknown keys are never cached.
 */
export const keyCacheTtlMs = 2_000;
const keyCacheMax = 10_000;
type CachedKey = { user: User; keyId: string; until: number; lastUsedAt: number | null };
const keyCaches = new WeakMap<object, Map<string, CachedKey>>();

function keyCacheOf(db: object): Map<string, CachedKey> {
  let cache = keyCaches.get(db);
  if (cache === undefined) {
    cache = new Map();
    keyCaches.set(db, cache);
  }
  return cache;
}

/** The user and key id of a bearer key, noting its use; unknown and revoked keys are UNAUTHORIZED. */
export async function authenticateKey(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  key: string,
): Promise<{ user: User; keyId: string }> {
  const now = deps.clock.now();
  const cache = keyCacheOf(deps.db);
  const digest = createHash('sha256').update(key).digest('base64');
  let entry = cache.get(digest);
  if (entry === undefined || entry.until <= now.getTime()) {
    const owner = await findApiKeyOwner(deps.db, key);
    if (owner === undefined) {
      cache.delete(digest);
      throw new AppError('UNAUTHORIZED', 'a valid API key is required: send Authorization: Bearer <key>');
    }
    if (cache.size >= keyCacheMax) cache.clear();
    entry = {
      user: owner.user,
      keyId: owner.keyId,
      until: now.getTime() + keyCacheTtlMs,
      lastUsedAt: owner.lastUsedAt?.getTime() ?? null,
    };
    cache.set(digest, entry);
  }
  if (entry.lastUsedAt === null || now.getTime() - entry.lastUsedAt >= 60_000) {
    entry.lastUsedAt = now.getTime();
    await touchApiKey(deps.db, entry.keyId, now);
  }
  return { user: entry.user, keyId: entry.keyId };
}

/** Which of these key ids still authenticate (open sessions of a revoked key are closed). */
export function liveKeyIds(deps: Pick<CoreDeps, 'db'>, keyIds: readonly string[]): Promise<Set<string>> {
  return liveApiKeyIds(
    deps.db,
    keyIds.filter((id) => isUuid(id)),
  );
}

/** Every user (`adengine users list`). */
export function listUsers(deps: Pick<CoreDeps, 'db'>): Promise<User[]> {
  return listUserRows(deps.db);
}

/** A user's keys without the keys themselves (`adengine keys list`). */
export async function listApiKeys(deps: Pick<CoreDeps, 'db'>, email: string): Promise<ApiKeyRecord[]> {
  return listApiKeyRows(deps.db, (await requireUser(deps, email)).id);
}

/** Revokes a key at once: the next request with it is UNAUTHORIZED and its open sessions close. */
export async function revokeApiKey(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  keyId: string,
): Promise<ApiKeyRecord> {
  const revoked = isUuid(keyId) ? await revokeApiKeyRow(deps.db, keyId, deps.clock.now()) : undefined;
  if (revoked === undefined)
    throw new AppError('NOT_FOUND', `no API key with id ${keyId}. Fix: adengine keys list --user <email>`);
  const cache = keyCacheOf(deps.db);
  for (const [digest, entry] of cache) if (entry.keyId === keyId) cache.delete(digest);
  return revoked;
}

export async function requireUser(deps: Pick<CoreDeps, 'db'>, email: string): Promise<User> {
  const user = await findUserByEmail(deps.db, email);
  if (user === undefined) {
    throw new AppError(
      'NOT_FOUND',
      `no user with email ${email}. Fix: adengine users create --email ${email}`,
    );
  }
  return user;
}

/**
 * The user of an embedded install: created on first start with the initial credits and one
 * API key, which is returned that once.
 */
export async function ensureLocalUser(
  deps: AccountDeps & Pick<CoreDeps, 'settings'>,
): Promise<{ user: User; newKey: string | undefined }> {
  const existing = await findLocalUser(deps.db);
  if (existing !== undefined) return { user: existing, newKey: undefined };
  const user = await createUser(deps, {
    email: localUserEmail,
    name: 'Local user',
    isLocal: true,
    credits: deps.settings.initialLocalCredits,
  });
  const { key } = await issueApiKey(deps, user.id, 'first start');
  return { user, newKey: key };
}
