import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { jobPolicy } from '../../src/core/video-jobs.js';
import type { createHttpApp } from '../../src/server/http-app.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { testHttpApp } from '../support/http-config.js';
import { type Task, TasksClient } from '../support/tasks-client.js';

/** Signed asset URLs carry an expiry from the moment they are signed; compare the rest. */
function withoutUrls(view: Record<string, unknown> | undefined) {
  const assets = (view?.assets ?? []) as Array<Record<string, unknown>>;
  return { ...view, assets: assets.map(({ url: _url, ...rest }) => rest) };
}

const perSecond = 3; // test-video, in the harness catalogue
const seconds = 6;

/** Video as a task of the tasks extension (2026-07-28), against the HTTP app in process. */
describe('generate_video as a task for clients that declare io.modelcontextprotocol/tasks', () => {
  let h: CoreHarness;
  let http: ReturnType<typeof createHttpApp>;
  const clients: Client[] = [];

  async function connect<C extends Client>(client: C, key: string): Promise<C> {
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), {
        requestInit: { headers: { authorization: `Bearer ${key}`, host: '127.0.0.1' } },
        fetch: (url, init) => Promise.resolve(http.app.request(String(url), init)),
      }),
    );
    clients.push(client);
    return client;
  }

  const credits = (userId: string) => h.core.readCredits(plainCaller(userId), { historyLimit: 20 });

  /** Polls tasks/get, letting the (manual) clock reach each next poll of the job. */
  async function untilDone(client: TasksClient, taskId: string): Promise<Task> {
    let task = await client.getTask(taskId);
    for (let tries = 0; task.status === 'working' && tries < 10; tries++) {
      h.clock.advance(jobPolicy.pollEverySeconds);
      task = await client.getTask(taskId);
    }
    return task;
  }

  let key: string;
  beforeAll(async () => {
    h = await createCoreHarness({ credits: 1000 });
    key = (await h.core.issueApiKey(h.userId, 'tasks')).key;
    http = testHttpApp(h.core);
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await http?.close();
    await h?.close();
  });

  it('server/discover advertises the extension', async () => {
    const client = await connect(new TasksClient('discover'), key);
    expect(client.getServerCapabilities()?.extensions).toHaveProperty(['io.modelcontextprotocol/tasks']);
  });

  it('returns a task for the job, polls it with tasks/get to the video, and charges once', async () => {
    const client = await connect(new TasksClient('tasks'), key);
    const before = await credits(h.userId);
    const started = await client.callToolOrTask('generate_video', {
      prompt: 'a kite over a beach',
      durationSeconds: seconds,
    });
    if (started.kind !== 'task') throw new Error(`expected a task, got ${JSON.stringify(started)}`);
    expect(started.raw.resultType).toBe('task');
    expect(started.task).toMatchObject({ status: 'working', ttlMs: null, pollIntervalMs: 5000 });
    const taskId = started.task.taskId;
    expect((await credits(h.userId)).held).toBe(before.held + seconds * perSecond);

    expect((await client.getTask(taskId)).status).toBe('working');
    await h.video.completeAll();
    const done = await untilDone(client, taskId);
    expect(done.status).toBe('completed');
    expect(done.result?.isError).toBeUndefined();
    // The same structured result get_job gives.
    const viaGetJob = await client.callTool({ name: 'get_job', arguments: { jobId: taskId } });
    expect(withoutUrls(done.result?.structuredContent)).toEqual(
      withoutUrls(viaGetJob.structuredContent as Record<string, unknown>),
    );
    expect(done.result?.structuredContent).toMatchObject({
      jobId: taskId,
      status: 'succeeded',
      creditsCharged: seconds * perSecond,
    });
    expect(done.result?.content.some((item) => item.type === 'resource_link')).toBe(true);
    expect(Date.parse(done.lastUpdatedAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));

    // Polling a finished task again charges nothing more: one capture on the ledger.
    await client.getTask(taskId);
    const after = await credits(h.userId);
    expect(after.balance).toBe(before.balance - seconds * perSecond);
    expect(after.held).toBe(before.held);
    const captures = after.history.filter((entry) => entry.kind === 'capture');
    expect(captures.map((entry) => entry.amount)).toEqual([-seconds * perSecond]);
  });

  it('another user’s task is not found, for tasks/get and tasks/cancel', async () => {
    const owner = await connect(new TasksClient('owner'), key);
    const started = await owner.callToolOrTask('generate_video', { prompt: 'private', durationSeconds: 2 });
    if (started.kind !== 'task') throw new Error('expected a task');
    const otherKey = (await h.core.issueApiKey(h.otherUserId, 'other')).key;
    const other = await connect(new TasksClient('other'), otherKey);
    await expect(other.getTask(started.task.taskId)).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('NOT_FOUND'),
    });
    await expect(other.cancelTask(started.task.taskId)).rejects.toMatchObject({ code: -32602 });
    expect((await owner.getTask(started.task.taskId)).status).toBe('working');
    await owner.cancelTask(started.task.taskId);
  });

  it('tasks/cancel cancels the job and releases its hold', async () => {
    const client = await connect(new TasksClient('cancel'), key);
    const before = await credits(h.userId);
    const started = await client.callToolOrTask('generate_video', {
      prompt: 'never mind',
      durationSeconds: 4,
    });
    if (started.kind !== 'task') throw new Error('expected a task');
    expect((await credits(h.userId)).held).toBe(before.held + 4 * perSecond);
    // An empty acknowledgement (the SDK stamps `_meta` with the server's info).
    expect(
      Object.keys((await client.cancelTask(started.task.taskId)) as object).filter((key) => key !== '_meta'),
    ).toEqual([]);
    const task = await client.getTask(started.task.taskId);
    expect(task.status).toBe('cancelled');
    expect(task.result).toBeUndefined();
    expect(await credits(h.userId)).toMatchObject({ balance: before.balance, held: before.held });
  });

  it('a failed video completes the task with an isError result, the hold released', async () => {
    const client = await connect(new TasksClient('fail'), key);
    const before = await credits(h.userId);
    h.video.failNext();
    const started = await client.callToolOrTask('generate_video', { prompt: 'doomed', durationSeconds: 2 });
    if (started.kind !== 'task') throw new Error('expected a task');
    await h.video.completeAll();
    const done = await untilDone(client, started.task.taskId);
    expect(done.status).toBe('completed');
    expect(done.result?.isError).toBe(true);
    expect(done.result?.structuredContent).toMatchObject({ status: 'failed', creditsCharged: 0 });
    expect(await credits(h.userId)).toMatchObject({ balance: before.balance, held: before.held });
  });

  it('a 2026 client without the extension gets the job id, as before', async () => {
    const client = await connect(new TasksClient('plain', false), key);
    const started = await client.callToolOrTask('generate_video', { prompt: 'plain', durationSeconds: 2 });
    if (started.kind !== 'result') throw new Error('expected a tool result');
    expect(started.result.structuredContent).toMatchObject({ status: 'running' });
    expect(typeof started.result.structuredContent?.jobId).toBe('string');
    const viaCallTool = await client.callTool({ name: 'generate_video', arguments: { prompt: 'again' } });
    expect(viaCallTool.structuredContent).toMatchObject({ status: 'running' });
    // tasks/* without the extension declared: -32021 naming it (SEP-2663), even for one's own job.
    const jobId = String(started.result.structuredContent?.jobId);
    for (const call of [() => client.getTask(jobId), () => client.cancelTask(jobId)])
      await expect(call()).rejects.toMatchObject({
        code: -32021,
        message: expect.stringContaining('io.modelcontextprotocol/tasks'),
      });
  });
});
