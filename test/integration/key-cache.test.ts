import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyCacheTtlMs } from '../../src/core/accounts.js';
import { revokeApiKey as revokeRow } from '../../src/db/repositories/api-keys.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';

/** The key → user lookup is cached for seconds; revocation still takes effect within them. */
describe('bearer key cache', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await createCoreHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('revoked here: refused at once', async () => {
    const { key, id } = await h.core.issueApiKey(h.userId, 'revoked-here');
    await h.core.authenticateKey(key);
    await h.core.revokeApiKey(id);
    await expect(h.core.authenticateKey(key)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('revoked by another process: served from the cache within the TTL (no key read), refused after it', async () => {
    const { key, id } = await h.core.issueApiKey(h.userId, 'revoked-elsewhere');
    await h.core.authenticateKey(key);
    // Straight in the database, as another instance's revoke would be: this process's cache is not told.
    await revokeRow(h.deps.db, id, h.clock.now());
    h.clock.advance(keyCacheTtlMs / 1000 / 2);
    expect((await h.core.authenticateKey(key)).keyId).toBe(id);
    h.clock.advance(keyCacheTtlMs / 1000 / 2 + 0.001);
    await expect(h.core.authenticateKey(key)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('an unknown key is not cached: a key created after a miss works at once', async () => {
    await expect(h.core.authenticateKey('ak_nope')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const { key } = await h.core.issueApiKey(h.userId, 'fresh');
    expect((await h.core.authenticateKey(key)).user.id).toBe(h.userId);
  });
});
