import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { connectHttpClient } from './support/sampling-client.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const imagePrice = 70;

// CI always sets TEST_DATABASE_URL; without a Postgres server this suite cannot mean anything.
describe.skipIf(serverUrl === undefined)(
  '40 parallel generate_image calls on the real Postgres server',
  () => {
    let gemini: GeminiFake;
    let server: ServeProcess;
    let databaseUrl: string;
    let key: string;
    const database = `adengine_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${database}`);
      await admin.end();
      const url = new URL(serverUrl as string);
      url.pathname = `/${database}`;
      databaseUrl = url.toString();

      gemini = await GeminiFake.start();
      const env = baseEnv({
        ADENGINE_HOME: await tempHome(),
        DATABASE_URL: databaseUrl,
        GEMINI_API_KEY: gemini.apiKey,
        GEMINI_BASE_URL: gemini.baseUrl,
        ADENGINE_INITIAL_CREDITS: '0',
        // 40 sessions of one user race here: above the default per-user caps, on purpose.
        MCP_SESSIONS_PER_USER: '100',
        RATE_LIMIT_SESSIONS_PER_MINUTE: '100',
      });
      server = await startServe(env);
      expect(
        (
          await runCli(
            ['users', 'create', '--email', 'racer@example.com', '--credits', String(10 * imagePrice)],
            env,
          )
        ).code,
      ).toBe(0);
      key = (
        JSON.parse(
          (await runCli(['--json', 'keys', 'create', '--user', 'racer@example.com'], env)).stdout,
        ) as { key: string }
      ).key;
    });

    afterAll(async () => {
      await server?.stop();
      await gemini?.close();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    });

    it('exactly 10 succeed, the rest get INSUFFICIENT_CREDITS, the balance ends at 0', async () => {
      const clients = await Promise.all(
        Array.from({ length: 40 }, () => connectHttpClient(server.baseUrl, key)),
      );
      const results = await Promise.all(
        clients.map((client, index) =>
          client.callTool({ name: 'generate_image', arguments: { prompt: `lock number ${index}` } }),
        ),
      );
      const texts = results.map((result) => (result.content as Array<{ text?: string }>)[0]?.text ?? '');
      const succeeded = results.filter((result) => !result.isError);
      const refused = texts.filter((text) => text.startsWith('INSUFFICIENT_CREDITS: '));
      expect(succeeded).toHaveLength(10);
      expect(refused).toHaveLength(30);
      const balance = await clients[0]!.callTool({ name: 'get_credit_balance', arguments: {} });
      expect(balance.structuredContent).toMatchObject({ balance: 0, held: 0, available: 0 });
      await Promise.all(clients.map((client) => client.close()));

      const check = new pg.Client({ connectionString: databaseUrl });
      await check.connect();
      const { rows } = await check.query(
        `select a.balance::int as balance, coalesce(sum(l.amount), 0)::int as ledger
         from credit_accounts a join users u on u.id = a.user_id left join credit_ledger l on l.user_id = a.user_id
        where u.email = 'racer@example.com' group by a.balance`,
      );
      await check.end();
      expect(rows[0]).toEqual({ balance: 0, ledger: 0 });
    });
  },
);
