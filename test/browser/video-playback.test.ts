/// <reference lib="dom" />
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, type ServeProcess, startServe, tempHome } from '../e2e/support/cli-process.js';
import { connectHttpClient } from '../e2e/support/sampling-client.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { launchChromium } from './support/headless-chromium.js';

const slow = { timeout: 30_000 };

interface VideoState {
  readyState: number;
  duration: number;
  width: number;
  currentTime: number;
  error: number | null;
}

/**
 * A video made through MCP plays in the page's gallery: the stored bytes, their type, the signed
 * link and the page's `media-src` all have to be right for Chromium to decode and play it. The Veo
 * stand-in renders a real one-second H.264 MP4 (test/fixtures/media/one-second-h264.mp4).
 */
describe('a generated video plays in the web page (headless Chromium, built adengine serve)', () => {
  let gemini: GeminiFake;
  let server: ServeProcess;
  let client: Client;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    gemini = await GeminiFake.start();
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.baseUrl,
      ADENGINE_INITIAL_CREDITS: '10000',
    });
    [server, browser] = await Promise.all([startServe(env), launchChromium()]);
    client = await connectHttpClient(server.baseUrl, server.firstKey);
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await client?.close();
    await server?.stop();
    await gemini?.close();
  });

  it('starts a video, finishes it on the stand-in, and the gallery plays it', async () => {
    const started = await client.callTool({
      name: 'generate_video',
      arguments: { prompt: 'a cyclist locks a bike at dawn', durationSeconds: 4 },
    });
    expect(started.isError, JSON.stringify(started.content)).toBeFalsy();
    const { jobId } = started.structuredContent as { jobId: string };
    await gemini.completeAll();
    await expect
      .poll(async () => {
        const job = await client.callTool({ name: 'get_job', arguments: { jobId } });
        return (job.structuredContent as { status: string }).status;
      }, slow)
      .toBe('succeeded');
    const job = await client.callTool({ name: 'get_job', arguments: { jobId } });
    const [asset] = (job.structuredContent as { assets: Array<{ uri: string }> }).assets;
    const assetId = asset?.uri.split('/').pop();
    expect(assetId).toBeTruthy();

    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('textbox', { name: 'API key' }).fill(server.firstKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    const video = page.locator(`li[data-asset-id="${assetId}"] video`);
    await expect.poll(() => video.count(), slow).toBe(1);
    const state = () =>
      video.evaluate((element): VideoState => {
        const media = element as HTMLVideoElement;
        return {
          readyState: media.readyState,
          duration: media.duration,
          width: media.videoWidth,
          currentTime: media.currentTime,
          error: media.error?.code ?? null,
        };
      });
    // Decoded: its metadata read from the stored file (one second, 64 px wide), no media error.
    await expect.poll(async () => (await state()).readyState, slow).toBeGreaterThanOrEqual(1);
    expect(await state()).toMatchObject({ duration: 1, width: 64, error: null });
    // And it plays: muted, so autoplay rules let a script start it; time moves on.
    await video.evaluate((element) => {
      const media = element as HTMLVideoElement;
      media.muted = true;
      return media.play();
    });
    await expect.poll(async () => (await state()).currentTime, slow).toBeGreaterThan(0);
    expect((await state()).error).toBeNull();
    expect(problems).toEqual([]);
  });
});
