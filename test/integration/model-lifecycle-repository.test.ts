import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStoredLifecycle, storeLifecycle } from '../../src/db/repositories/model-lifecycle.js';
import { engines, type TestDatabase } from '../support/test-database.js';

for (const engine of engines) {
  describe(`model_lifecycle on ${engine.name}`, () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await engine.create();
    });
    afterAll(async () => {
      await test?.close();
    });

    it('upserts one row per model, keeping the latest sync, and refuses an unknown status', async () => {
      const row = {
        modelId: 'qwen3-32b',
        provider: 'bedrock',
        status: 'active' as const,
        endOfLife: undefined,
        successor: undefined,
        source: 'bedrock ListFoundationModels (us-east-1)',
      };
      await storeLifecycle(test.db, [row], new Date('2026-11-30T10:00:00Z'));
      await storeLifecycle(
        test.db,
        [{ ...row, status: 'legacy', endOfLife: '2027-03-01' }],
        new Date('2026-12-01T10:00:00Z'),
      );
      expect(await listStoredLifecycle(test.db)).toEqual([
        { ...row, status: 'legacy', endOfLife: '2027-03-01', syncedAt: new Date('2026-12-01T10:00:00Z') },
      ]);
      await expect(
        storeLifecycle(test.db, [{ ...row, modelId: 'x', status: 'sunset' as 'active' }], new Date()),
      ).rejects.toThrow();
      // The failed write left nothing behind.
      expect((await listStoredLifecycle(test.db)).map((stored) => stored.modelId)).toEqual(['qwen3-32b']);
    });
  });
}
