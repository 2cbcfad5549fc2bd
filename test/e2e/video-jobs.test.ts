import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { baseEnv, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { connectHttpClient } from './support/sampling-client.js';

const perSecond = 400; // veo, per list_models

interface JobAnswer {
  jobId: string;
  status: string;
  progress: number;
  assets: Array<{ uri: string; mimeType: string; url: string }>;
  error: string | null;
  creditsCharged: number;
}

async function balance(client: Client): Promise<{ balance: number; held: number; available: number }> {
  const { balance, held, available } = (await client.callTool({ name: 'get_credit_balance', arguments: {} }))
    .structuredContent as {
    balance: number;
    held: number;
    available: number;
  };
  return { balance, held, available };
}

async function getJob(client: Client, jobId: string): Promise<JobAnswer> {
  const result = await client.callTool({ name: 'get_job', arguments: { jobId } });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as unknown as JobAnswer;
}

describe('video jobs: generate_video then get_job, Veo behind its stand-in', () => {
  let gemini: GeminiFake;
  let server: ServeProcess;
  let client: Client;

  beforeAll(async () => {
    gemini = await GeminiFake.start();
    server = await startServe(
      baseEnv({
        ADENGINE_HOME: await tempHome(),
        GEMINI_API_KEY: gemini.apiKey,
        GEMINI_BASE_URL: gemini.baseUrl,
        ADENGINE_INITIAL_CREDITS: '10000',
      }),
    );
    client = await connectHttpClient(server.baseUrl, server.firstKey);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
    await gemini?.close();
  });

  it('holds the price at start, stores the video and charges it when the job succeeds', async () => {
    const started = await client.callTool({
      name: 'generate_video',
      arguments: { prompt: 'a cyclist locks a bike at dawn', durationSeconds: 6, aspectRatio: '16:9' },
    });
    expect(started.isError, JSON.stringify(started.content)).toBeFalsy();
    const { jobId, status } = started.structuredContent as { jobId: string; status: string };
    expect(status).toBe('running');
    expect(await balance(client)).toEqual({
      balance: 10000,
      held: 6 * perSecond,
      available: 10000 - 6 * perSecond,
    });
    expect((await getJob(client, jobId)).status).toBe('running');

    await gemini.completeAll();
    let job = await getJob(client, jobId);
    for (let tries = 0; job.status === 'running' && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = await getJob(client, jobId);
    }
    expect(job).toMatchObject({
      status: 'succeeded',
      progress: 1,
      error: null,
      creditsCharged: 6 * perSecond,
    });
    expect(job.assets).toHaveLength(1);
    expect(job.assets[0]?.mimeType).toBe('video/mp4');
    expect((await fetch(job.assets[0]!.url)).status).toBe(200);
    expect(await balance(client)).toEqual({
      balance: 10000 - 6 * perSecond,
      held: 0,
      available: 10000 - 6 * perSecond,
    });
    const videos = await client.callTool({ name: 'list_assets', arguments: { kind: 'video' } });
    expect((videos.structuredContent as { assets: unknown[] }).assets).toHaveLength(1);
  });

  it('a failed job releases its hold and reports the provider error', async () => {
    const before = await balance(client);
    gemini.failNext();
    const started = await client.callTool({
      name: 'generate_video',
      arguments: { prompt: 'doomed', durationSeconds: 4 },
    });
    const { jobId } = started.structuredContent as { jobId: string };
    await gemini.completeAll();
    let job = await getJob(client, jobId);
    for (let tries = 0; job.status === 'running' && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = await getJob(client, jobId);
    }
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^PROVIDER_ERROR: /);
    expect(job.creditsCharged).toBe(0);
    expect(await balance(client)).toEqual(before);
  });

  it('refuses what the model cannot do, and other users’ jobs are not found', async () => {
    const square = await client.callTool({
      name: 'generate_video',
      arguments: { prompt: 'x', aspectRatio: '1:1' },
    });
    expect((square.content as Array<{ text: string }>)[0]?.text).toMatch(/^INVALID_INPUT: aspectRatio/);
    const long = await client.callTool({
      name: 'generate_video',
      arguments: { prompt: 'x', durationSeconds: 60 },
    });
    expect((long.content as Array<{ text: string }>)[0]?.text).toMatch(/^INVALID_INPUT: durationSeconds/);
    const missing = await client.callTool({ name: 'get_job', arguments: { jobId: 'no-such-job' } });
    expect((missing.content as Array<{ text: string }>)[0]?.text).toMatch(/^NOT_FOUND: /);
  });
});
