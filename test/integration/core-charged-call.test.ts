import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { CreditLedger } from '../../src/credits/ledger.js';
import { AppError } from '../../src/errors/app-error.js';
import type { StorageBackend } from '../../src/storage/storage-backend.js';
import { appErrorOf } from '../support/app-error-of.js';
import { type CoreHarness, type CoreHarnessOptions, createCoreHarness } from '../support/core-harness.js';

/** The core operations in process, with no server and no spawned process. */
describe('the charged call, step by step', () => {
  let harness: CoreHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(options: CoreHarnessOptions = {}) {
    harness = await createCoreHarness(options);
    return harness;
  }

  async function money(h: CoreHarness) {
    const { history: _history, ...balance } = await h.core.readCredits(plainCaller(h.userId), {
      historyLimit: 0,
    });
    return balance;
  }

  const draw = { prompt: 'a red bicycle', aspectRatio: '1:1' as const, count: 2 };

  it('succeeds: stores each image as an asset and charges the price of what was stored', async () => {
    const h = await start();
    const caller = plainCaller(h.userId);
    const answer = await h.core.generateImages(caller, draw);
    expect(answer.creditsCharged).toBe(14);
    expect(answer.model).toEqual({ provider: 'test', id: 'test-image' });
    expect(await money(h)).toEqual({ balance: 86, held: 0, available: 86 });
    const listed = await h.core.listAssets(caller, { limit: 10 });
    expect(listed.assets.map((asset) => asset.assetId).sort()).toEqual(
      answer.assets.map((asset) => asset.assetId).sort(),
    );
    const read = await h.core.readAsset(caller, answer.assets[0]?.assetId as string);
    expect('bytes' in read.content && Buffer.from(read.content.bytes).subarray(1, 4).toString()).toBe('PNG');
  });

  it('fails before the reserve: too few credits, so the provider is never called and nothing moves', async () => {
    const h = await start({ credits: 10 });
    const error = await appErrorOf(h.core.generateImages(plainCaller(h.userId), draw));
    expect(error.code).toBe('INSUFFICIENT_CREDITS');
    expect(h.image.requests).toHaveLength(0);
    expect(await money(h)).toEqual({ balance: 10, held: 0, available: 10 });
  });

  it('fails at the provider: the hold is released, nothing is charged or stored', async () => {
    const h = await start();
    h.imageHooks.failures.push(new AppError('PROVIDER_ERROR', 'the model refused', { retryable: false }));
    const error = await appErrorOf(h.core.generateImages(plainCaller(h.userId), draw));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(await money(h)).toEqual({ balance: 100, held: 0, available: 100 });
    expect((await h.core.listAssets(plainCaller(h.userId), { limit: 10 })).assets).toEqual([]);
  });

  it('fails at storage: the hold is released and no asset row is left', async () => {
    const h = await start({
      storage: (local) =>
        Object.assign(Object.create(local) as StorageBackend, {
          put: () => Promise.reject(new AppError('UNAVAILABLE', 'disk is gone', { retryable: false })),
        }),
    });
    const error = await appErrorOf(h.core.generateImages(plainCaller(h.userId), draw));
    expect(error.code).toBe('UNAVAILABLE');
    expect(await money(h)).toEqual({ balance: 100, held: 0, available: 100 });
    expect((await h.core.listAssets(plainCaller(h.userId), { limit: 10 })).assets).toEqual([]);
  });

  it('fails at the capture: the hold is released and nothing is charged', async () => {
    class FailingCapture extends CreditLedger {
      override capture(): never {
        throw new AppError('UNAVAILABLE', 'the database went away');
      }
    }
    const h = await start({ ledger: (options) => new FailingCapture(options) });
    const error = await appErrorOf(h.core.generateImages(plainCaller(h.userId), draw));
    expect(error.code).toBe('UNAVAILABLE');
    expect(await money(h)).toEqual({ balance: 100, held: 0, available: 100 });
  });

  it('fails recording the answer: the capture rolls back with it, nothing is charged or kept, and a retry charges once', async () => {
    const h = await start();
    // The database refuses to remember a finished call once, as it did for text it cannot store.
    // A sequence, because it is not rolled back with the refused transaction.
    await sql`create sequence refusals`.execute(h.test.db);
    await sql`create function refuse_answers() returns trigger language plpgsql as $$
      begin
        if new.status = 'succeeded' and nextval('refusals') = 1 then
          raise exception 'cannot store this answer';
        end if;
        return new;
      end $$`.execute(h.test.db);
    await sql`create trigger refuse_answers before update on tool_calls
      for each row execute function refuse_answers()`.execute(h.test.db);
    const caller = plainCaller(h.userId);
    const failed = await appErrorOf(h.core.generateImages(caller, { ...draw, idempotencyKey: 'once' }));
    expect(failed.code).toBe('INTERNAL');
    expect(await money(h)).toEqual({ balance: 100, held: 0, available: 100 });
    expect((await h.core.listAssets(caller, { limit: 10 })).assets).toEqual([]);
    const hidden = await sql<{ count: number }>`select count(*)::int as count from assets`.execute(h.test.db);
    expect(hidden.rows[0]?.count).toBe(0);
    const retried = await h.core.generateImages(caller, { ...draw, idempotencyKey: 'once' });
    expect(retried.creditsCharged).toBe(14);
    expect(await money(h)).toEqual({ balance: 86, held: 0, available: 86 });
  });

  it('answers a repeated idempotency key from the record, charging once', async () => {
    const h = await start();
    const caller = plainCaller(h.userId);
    const first = await h.core.generateImages(caller, { ...draw, idempotencyKey: 'k1' });
    const again = await h.core.generateImages(caller, { ...draw, idempotencyKey: 'k1' });
    // A replay charges nothing itself, says so, and links the same assets afresh (new signatures).
    const withoutUrls = (answer: typeof first) => ({
      ...answer,
      assets: answer.assets.map(({ url: _url, ...asset }) => asset),
    });
    expect(withoutUrls(again)).toEqual({ ...withoutUrls(first), creditsCharged: 0, replayed: true });
    expect(again.assets.every((asset) => asset.url.includes('signature='))).toBe(true);
    expect(h.image.requests).toHaveLength(1);
    expect((await money(h)).balance).toBe(86);
  });

  it('a stopping process cancels calls still running after the grace period, releasing their holds', async () => {
    const h = await start();
    h.imageHooks.delayMs = 60_000;
    const running = appErrorOf(h.core.generateImages(plainCaller(h.userId), draw));
    await expect.poll(async () => (await money(h)).held).toBe(14);
    await h.core.drain(50);
    expect((await running).code).toBe('CANCELLED');
    expect(await money(h)).toEqual({ balance: 100, held: 0, available: 100 });
  });
});
