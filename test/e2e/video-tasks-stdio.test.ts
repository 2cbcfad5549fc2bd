import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { type Task, TasksClient } from '../support/tasks-client.js';
import { baseEnv, cliPath, tempHome } from './support/cli-process.js';

const perSecond = 400; // veo
const startingCredits = 10_000;

/** A tasks-capable 2026 client over stdio gets a video through tasks/get, charged once. */
describe('video as a task over stdio (2026-07-28)', () => {
  let gemini: GeminiFake;
  let client: TasksClient;

  beforeAll(async () => {
    gemini = await GeminiFake.start();
    client = new TasksClient('e2e-tasks-stdio');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'stdio'],
        env: baseEnv({
          ADENGINE_HOME: await tempHome(),
          GEMINI_API_KEY: gemini.apiKey,
          GEMINI_BASE_URL: gemini.baseUrl,
          ADENGINE_INITIAL_CREDITS: String(startingCredits),
        }),
        stderr: 'pipe',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await gemini?.close();
  });

  const balance = async () =>
    (await client.callTool({ name: 'get_credit_balance', arguments: {} })).structuredContent as {
      balance: number;
      held: number;
    };

  it('generate_video answers a task; tasks/get polls it to the video', async () => {
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(client.getServerCapabilities()?.extensions).toHaveProperty(['io.modelcontextprotocol/tasks']);
    const started = await client.callToolOrTask('generate_video', {
      prompt: 'rain on a window',
      durationSeconds: 3,
    });
    if (started.kind !== 'task') throw new Error(`expected a task, got ${JSON.stringify(started)}`);
    expect(await balance()).toMatchObject({ balance: startingCredits, held: 3 * perSecond });

    await gemini.completeAll();
    let task: Task = await client.getTask(started.task.taskId);
    for (let tries = 0; task.status === 'working' && tries < 60; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      task = await client.getTask(started.task.taskId);
    }
    expect(task.status).toBe('completed');
    expect(task.result?.structuredContent).toMatchObject({
      status: 'succeeded',
      creditsCharged: 3 * perSecond,
    });
    expect(task.result?.content.some((item) => item.type === 'resource_link')).toBe(true);
    expect((await client.getTask(started.task.taskId)).status).toBe('completed');
    expect(await balance()).toMatchObject({ balance: startingCredits - 3 * perSecond, held: 0 });
  });
});
