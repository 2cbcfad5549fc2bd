import { createApiKey, findUserByApiKey } from '../db/repositories/api-keys.js';
import { findLocalUser, findUserByEmail, insertUser, localUserEmail } from '../db/repositories/users.js';
import type { User } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import type { CoreDeps } from './core-deps.js';

export type { User };

type AccountDeps = Pick<CoreDeps, 'db' | 'ledger' | 'clock'>;

/** A user and their (empty) credit account, in one transaction; `credits` are granted after. */
export async function createUser(
  deps: AccountDeps,
  input: { email: string; name?: string | undefined; credits?: number | undefined; isLocal?: boolean },
): Promise<User> {
  const user = await deps.db.transaction().execute(async (trx) => {
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
export async function authenticate(deps: Pick<CoreDeps, 'db'>, key: string): Promise<User> {
  const user = await findUserByApiKey(deps.db, key);
  if (user === undefined) {
    throw new AppError('UNAUTHORIZED', 'a valid API key is required: send Authorization: Bearer <key>');
  }
  return user;
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
