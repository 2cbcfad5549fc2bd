import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getBrandKit, putBrandKit } from '../../src/db/repositories/brand-kits.js';
import { insertUsers } from '../support/ledger-users.js';
import { engines, type TestDatabase } from '../support/test-database.js';

describe.each(engines)('brand kit repository on $name', ({ create }) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  it('stores one kit per user, replaces it whole, and clears a deleted logo', async () => {
    test = await create();
    const [userId, otherId] = [randomUUID(), randomUUID()];
    await insertUsers(test.db, [userId, otherId]);
    const logoId = randomUUID();
    await test.db
      .insertInto('assets')
      .values({
        id: logoId,
        user_id: userId,
        kind: 'image',
        storage_key: `k/${logoId}.png`,
        mime_type: 'image/png',
        bytes: 10,
        width: 1,
        height: 1,
        duration_seconds: null,
        provider: null,
        model_id: null,
        prompt: null,
        metadata: '{}',
        job_id: null,
      })
      .execute();
    const kit = {
      name: 'Bean There',
      voice: 'warm',
      bannedWords: ['cheap', 'café crème'],
      requiredWords: ['Bean There'],
      colors: ['#1a2b3c'],
      logoAssetId: logoId,
      disclaimer: 'Terms apply.',
    };
    expect(await getBrandKit(test.db, userId)).toBeUndefined();
    await putBrandKit(test.db, userId, kit, new Date());
    expect(await getBrandKit(test.db, userId)).toEqual(kit);
    expect(await getBrandKit(test.db, otherId)).toBeUndefined();
    const replaced = { ...kit, name: null, bannedWords: [], colors: [] };
    await putBrandKit(test.db, userId, replaced, new Date());
    expect(await getBrandKit(test.db, userId)).toEqual(replaced);
    await test.db.deleteFrom('assets').where('id', '=', logoId).execute();
    expect((await getBrandKit(test.db, userId))?.logoAssetId).toBeNull();
  });
});
