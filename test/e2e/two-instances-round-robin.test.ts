import { randomUUID } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { type Task, TasksClient } from '../support/tasks-client.js';
import { baseEnv, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { type RoundRobinProxy, startRoundRobinProxy } from './support/round-robin-proxy.js';
import { exampleMarket } from './support/sampling-client.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const perSecond = 400; // veo, the default video model with Gemini configured
const startingCredits = 10_000;

interface JobView {
  jobId: string;
  status: string;
  creditsCharged: number;
  assets: Array<{ url: string; mimeType: string }>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two `adengine serve` processes on one Postgres, one home (so one local storage folder and
 * one asset URL secret), behind a round-robin proxy with no affinity. 2026-07-28 traffic needs
 * none: every request carries its user (bearer key) and its envelope; jobs, holds and the
 * ledger are rows in Postgres.
 */
// Two instances share one database: this needs a Postgres server (found by vitest.config.ts, as
// for the other real-Postgres suites; CI always has one).
describe.skipIf(serverUrl === undefined)(
  'two serve instances on one Postgres behind a round-robin proxy',
  () => {
    if (serverUrl === undefined) return;
    const database = `adengine_rr_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    let db: pg.Client;
    let gemini: GeminiFake;
    let proxy: RoundRobinProxy;
    let first: ServeProcess;
    let second: ServeProcess;
    let key: string;
    const clients: TasksClient[] = [];

    async function connect(declareTasks: boolean): Promise<TasksClient> {
      const client = new TasksClient('two-instances', declareTasks);
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${proxy.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${key}` } },
        }),
      );
      clients.push(client);
      return client;
    }

    /** The ledger rows of one job's hold: charged once means exactly one capture. */
    async function ledgerOf(jobId: string) {
      const job = await db.query<{ reservation_id: string; user_id: string }>(
        'select reservation_id, user_id from generation_jobs where id = $1',
        [jobId],
      );
      const row = job.rows[0];
      if (row === undefined) throw new Error(`no job ${jobId}`);
      const entries = await db.query<{ kind: string; amount: number }>(
        'select kind, amount::integer as amount from credit_ledger where reservation_id = $1 order by id',
        [row.reservation_id],
      );
      const account = await db.query<{ balance: number; held: number }>(
        'select balance::integer as balance, held::integer as held from credit_accounts where user_id = $1',
        [row.user_id],
      );
      return { entries: entries.rows, account: account.rows[0] };
    }

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${database}`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;

      gemini = await GeminiFake.start();
      proxy = await startRoundRobinProxy();
      const env = baseEnv({
        ADENGINE_HOME: await tempHome(),
        DATABASE_URL: url.toString(),
        GEMINI_API_KEY: gemini.apiKey,
        GEMINI_BASE_URL: gemini.baseUrl,
        ADENGINE_INITIAL_CREDITS: String(startingCredits),
      });
      // One after the other: the first migrates and creates the local user and its key.
      first = await startServe(env);
      second = await startServe(env);
      key = first.firstKey;
      expect(key).not.toBe('');
      expect(second.firstKey).toBe('');
      expect(second.baseUrl).not.toBe(first.baseUrl);
      proxy.upstreams = [first.baseUrl, second.baseUrl];
      db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
    }, 120_000);

    afterAll(async () => {
      for (const client of clients) await client.close().catch(() => undefined);
      await first?.stop();
      await second?.stop();
      await proxy?.close();
      await gemini?.close();
      await db?.end().catch(() => undefined);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    });

    it('a 2026 client’s calls alternate between the instances and all succeed', async () => {
      const client = await connect(true);
      const mark = proxy.log.length;
      for (let call = 0; call < 8; call++) {
        const balance = await client.callTool({ name: 'get_credit_balance', arguments: {} });
        expect(balance.isError, JSON.stringify(balance.content)).toBeFalsy();
        expect(balance.structuredContent).toMatchObject({ balance: startingCredits });
      }
      const listed = await client.listTools();
      expect(listed.tools.map((tool) => tool.name)).toContain('generate_video');
      const served = proxy.log.slice(mark);
      expect(served).toHaveLength(9);
      expect(served.every((entry) => entry.status === 200)).toBe(true);
      for (let index = 1; index < served.length; index++)
        expect(served[index]?.upstream).not.toBe(served[index - 1]?.upstream);
      expect(new Set(served.map((entry) => entry.upstream))).toEqual(
        new Set([first.baseUrl, second.baseUrl]),
      );
    });

    it('a video task started on one instance is read and finished across both, charged once', async () => {
      const client = await connect(true);
      const mark = proxy.log.length;
      const started = await client.callToolOrTask('generate_video', {
        prompt: 'a ferry crossing at dusk',
        durationSeconds: 4,
      });
      if (started.kind !== 'task') throw new Error(`expected a task, got ${JSON.stringify(started)}`);
      const taskId = started.task.taskId;
      const startedOn = proxy.log.slice(mark).find((entry) => entry.mcpMethod === 'tools/call')?.upstream;
      expect(startedOn).toBeDefined();

      // Read on both instances while it runs: the task is durable in Postgres, not in a process.
      const beforeReads = proxy.log.length;
      expect((await client.getTask(taskId)).status).toBe('working');
      expect((await client.getTask(taskId)).status).toBe('working');
      expect(new Set(proxy.log.slice(beforeReads).map((entry) => entry.upstream)).size).toBe(2);

      await gemini.completeAll();
      let task: Task = await client.getTask(taskId);
      for (let tries = 0; task.status === 'working' && tries < 60; tries++) {
        await pause(250);
        task = await client.getTask(taskId);
      }
      expect(task.status).toBe('completed');
      const view = task.result?.structuredContent as unknown as JobView;
      expect(view).toMatchObject({ jobId: taskId, status: 'succeeded', creditsCharged: 4 * perSecond });
      // The finished task reads the same on both instances.
      const afterDone = proxy.log.length;
      const again = [await client.getTask(taskId), await client.getTask(taskId)];
      expect(again.map((each) => each.status)).toEqual(['completed', 'completed']);
      expect(new Set(proxy.log.slice(afterDone).map((entry) => entry.upstream)).size).toBe(2);

      const { entries, account } = await ledgerOf(taskId);
      expect(entries).toEqual([{ kind: 'capture', amount: -4 * perSecond }]);
      expect(account).toEqual({ balance: startingCredits - 4 * perSecond, held: 0 });

      // One storage folder: the video is readable from either instance, and through the proxy.
      // (Without ADENGINE_PUBLIC_URL a link names the instance that signed it; the secret is shared.)
      const link = new URL(view.assets[0]?.url ?? '');
      const bodies: number[] = [];
      for (const origin of [first.baseUrl, second.baseUrl, proxy.url, proxy.url]) {
        const response = await fetch(`${origin}${link.pathname}${link.search}`);
        expect(response.status, origin).toBe(200);
        bodies.push((await response.arrayBuffer()).byteLength);
      }
      expect(bodies[0]).toBeGreaterThan(0);
      expect(new Set(bodies).size).toBe(1);
    });

    it('client sampling’s input-required rounds cross instances: both accept the sealed requestState', async () => {
      const asked: unknown[] = [];
      const client = new Client(
        { name: 'two-instances-sampling', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { sampling: {} } },
      );
      client.setRequestHandler('sampling/createMessage', async (request) => {
        asked.push(request.params);
        return {
          role: 'assistant' as const,
          model: 'test-client-model',
          content: {
            type: 'text' as const,
            text: JSON.stringify({ tool: 'strands_structured_output', input: exampleMarket }),
          },
        };
      });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${proxy.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${key}` } },
        }),
      );
      try {
        const set = await client.callTool({
          name: 'set_model_preferences',
          arguments: { chatModel: 'client-sampling' },
        });
        expect(set.isError, JSON.stringify(set.content)).toBeFalsy();
        const mark = proxy.log.length;
        const analysis = await client.callTool({
          name: 'analyze_market',
          arguments: { product: 'A 400 g bike lock', region: 'Berlin' },
        });
        expect(analysis.isError, JSON.stringify(analysis.content)).toBeFalsy();
        expect(asked.length).toBeGreaterThan(0);
        // The first round on one instance, the answered round on the other: one key between them.
        const rounds = proxy.log.slice(mark).filter((entry) => entry.mcpMethod === 'tools/call');
        expect(rounds.length).toBeGreaterThanOrEqual(2);
        expect(rounds.every((entry) => entry.status === 200)).toBe(true);
        expect(new Set(rounds.map((entry) => entry.upstream)).size).toBe(2);
      } finally {
        await client.callTool({ name: 'set_model_preferences', arguments: { chatModel: null } });
        await client.close();
      }
    });

    it('a job started on one instance is finished by the other after the first stops (get_job, no tasks)', async () => {
      const client = await connect(false);
      const mark = proxy.log.length;
      const started = await client.callTool({
        name: 'generate_video',
        arguments: { prompt: 'a lighthouse in fog', durationSeconds: 2 },
      });
      expect(started.isError, JSON.stringify(started.content)).toBeFalsy();
      const { jobId } = started.structuredContent as { jobId: string };
      const startedOn = proxy.log.slice(mark).find((entry) => entry.mcpMethod === 'tools/call')?.upstream;
      const [gone, survivor] = startedOn === first.baseUrl ? [first, second] : [second, first];

      // The instance that started the job leaves; the balancer stops sending to it.
      await gone.stop();
      proxy.upstreams = [survivor.baseUrl];
      await gemini.completeAll();

      const afterStop = proxy.log.length;
      let job = (await client.callTool({ name: 'get_job', arguments: { jobId } }))
        .structuredContent as unknown as JobView;
      for (let tries = 0; job.status === 'running' && tries < 60; tries++) {
        await pause(250);
        job = (await client.callTool({ name: 'get_job', arguments: { jobId } }))
          .structuredContent as unknown as JobView;
      }
      expect(job).toMatchObject({ status: 'succeeded', creditsCharged: 2 * perSecond });
      expect(new Set(proxy.log.slice(afterStop).map((entry) => entry.upstream))).toEqual(
        new Set([survivor.baseUrl]),
      );
      const { entries, account } = await ledgerOf(jobId);
      expect(entries).toEqual([{ kind: 'capture', amount: -2 * perSecond }]);
      expect(account).toEqual({ balance: startingCredits - 6 * perSecond, held: 0 });
      const link = new URL(job.assets[0]?.url ?? '');
      expect((await fetch(`${survivor.baseUrl}${link.pathname}${link.search}`)).status).toBe(200);
    });
  },
);
