import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { appErrorOf } from '../support/app-error-of.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';

/** Preferences, assets and video jobs, through the core alone. */
describe('core operations', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await createCoreHarness();
  }, 120_000);
  afterAll(() => h?.close());

  const money = async (userId: string) => {
    const { history: _history, ...balance } = await h.core.readCredits(plainCaller(userId), {
      historyLimit: 0,
    });
    return balance;
  };

  it('preferences: set fields only, null resets, an unknown or wrong-kind model is refused naming the field', async () => {
    const caller = plainCaller(h.userId);
    expect(await h.core.getPreferences(caller)).toEqual({
      chatModel: null,
      imageModel: null,
      videoModel: null,
    });
    expect(await h.core.setPreferences(caller, { imageModel: 'test-image' })).toEqual({
      chatModel: null,
      imageModel: 'test-image',
      videoModel: null,
    });
    expect((await h.core.setPreferences(caller, { chatModel: 'test-chat' })).imageModel).toBe('test-image');
    expect((await h.core.setPreferences(caller, { imageModel: null })).imageModel).toBeNull();
    const unknown = await appErrorOf(h.core.setPreferences(caller, { videoModel: 'no-such-model' }));
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.message).toMatch(
      /^videoModel: "no-such-model" is not a video model; choose one of .*test-video/,
    );
    const wrongKind = await appErrorOf(h.core.setPreferences(caller, { chatModel: 'test-image' }));
    expect(wrongKind.message).toMatch(/^chatModel: /);
    expect((await h.core.getPreferences(plainCaller(h.otherUserId))).chatModel).toBeNull();
  });

  it('assets: newest first, paged by cursor; another user’s asset is not found; a forged cursor is refused', async () => {
    const caller = plainCaller(h.userId);
    const made = await h.core.generateImages(caller, { prompt: 'three cats', aspectRatio: '1:1', count: 3 });
    const first = await h.core.listAssets(caller, { limit: 2, kind: 'image' });
    expect(first.assets).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await h.core.listAssets(caller, {
      limit: 2,
      kind: 'image',
      cursor: first.nextCursor ?? undefined,
    });
    const seen = [...first.assets, ...second.assets].map((asset) => asset.assetId);
    expect(new Set(seen)).toEqual(new Set(made.assets.map((asset) => asset.assetId)));
    const entries = await h.core.listAssetEntries(caller, { limit: 10 });
    expect(entries.assets.every((entry) => entry.prompt === 'three cats')).toBe(true);
    const assetId = made.assets[0]?.assetId as string;
    expect((await appErrorOf(h.core.readAsset(plainCaller(h.otherUserId), assetId))).code).toBe('NOT_FOUND');
    expect((await h.core.listAssets(plainCaller(h.otherUserId), { limit: 10 })).assets).toEqual([]);
    expect((await appErrorOf(h.core.listAssets(caller, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' }))).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('a video job: held at start, advanced by the worker when due, stored and captured on success', async () => {
    const caller = plainCaller(h.userId);
    const before = await money(h.userId);
    const started = await h.core.startVideoJob(caller, {
      prompt: 'waves',
      durationSeconds: 4,
      aspectRatio: '16:9',
    });
    expect(started.status).toBe('running');
    expect((await money(h.userId)).held).toBe(before.held + 12);
    // Not due yet: the worker leaves it alone.
    await h.core.advanceDueJobs({ limit: 10, stopped: () => false });
    expect((await h.core.readJob(caller, started.jobId)).status).toBe('running');
    await h.video.completeAll();
    h.clock.advance(3);
    await h.core.advanceDueJobs({ limit: 10, stopped: () => false });
    const done = await h.core.readJob(caller, started.jobId);
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, creditsCharged: 12, error: null });
    expect(done.assets).toHaveLength(1);
    expect(done.assets[0]?.kind).toBe('video');
    expect(await money(h.userId)).toEqual({
      balance: before.balance - 12,
      held: before.held,
      available: before.available - 12,
    });
    expect((await appErrorOf(h.core.readJob(plainCaller(h.otherUserId), started.jobId))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('a failed video job releases its hold; a cancelled one too, and is never advanced again', async () => {
    const caller = plainCaller(h.userId);
    const before = await money(h.userId);
    h.video.failNext();
    const failing = await h.core.startVideoJob(caller, {
      prompt: 'storm',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    const cancelled = await h.core.startVideoJob(caller, {
      prompt: 'calm',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    expect((await money(h.userId)).held).toBe(before.held + 12);
    const view = await h.core.cancelJob(caller, cancelled.jobId);
    expect(view).toMatchObject({ status: 'cancelled', creditsCharged: 0 });
    await h.video.completeAll();
    h.clock.advance(3);
    await h.core.advanceDueJobs({ limit: 10, stopped: () => false });
    expect((await h.core.readJob(caller, failing.jobId)).status).toBe('failed');
    expect((await h.core.readJob(caller, cancelled.jobId)).status).toBe('cancelled');
    expect(await money(h.userId)).toEqual(before);
    // Cancelling a finished job changes nothing.
    expect((await h.core.cancelJob(caller, failing.jobId)).status).toBe('failed');
  });

  it('accounts: a key authenticates its user; a wrong key is UNAUTHORIZED; emails are unique', async () => {
    const { key } = await h.core.issueApiKey(h.userId, 'test');
    expect((await h.core.authenticate(key)).id).toBe(h.userId);
    expect((await appErrorOf(h.core.authenticate(`${key}x`))).code).toBe('UNAUTHORIZED');
    const user = await h.core.createUser({ email: 'Dup@Example.com' });
    expect((await h.core.requireUser('dup@example.com')).id).toBe(user.id);
    expect((await appErrorOf(h.core.createUser({ email: 'dup@example.com' }))).code).toBe('CONFLICT');
    expect((await appErrorOf(h.core.requireUser('nobody@example.com'))).code).toBe('NOT_FOUND');
  });
});
