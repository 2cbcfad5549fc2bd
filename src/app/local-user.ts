import { createApiKey } from '../db/repositories/api-keys.js';
import { createUser, findLocalUser, localUserEmail } from '../db/repositories/users.js';
import type { User } from '../db/tables.js';
import type { Services } from './services.js';

/**
 * The user of an embedded install: created on first start with the initial credits and one
 * API key, which is returned that once (only its hash is kept).
 */
export async function ensureLocalUser(
  services: Services,
): Promise<{ user: User; newKey: string | undefined }> {
  const existing = await findLocalUser(services.db);
  if (existing !== undefined) return { user: existing, newKey: undefined };
  const user = await createUser(services.db, { email: localUserEmail, name: 'Local user', isLocal: true });
  const initial = services.config.credits.initialLocalCredits;
  if (initial > 0) {
    await services.ledger.grant({
      userId: user.id,
      amount: initial,
      reason: 'initial credits',
      idempotencyKey: 'initial-credits',
    });
  }
  const { key } = await createApiKey(services.db, user.id, 'first start');
  return { user, newKey: key };
}
