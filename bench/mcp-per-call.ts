/**
 * Per-call overhead of `adengine serve` for each MCP era, beside a bare SDK server of the same era
 * (bench/bare-mcp-http-server.mjs), all in one run: server CPU per call (from /proc, the server
 * process only) and call latency p50/p99 at 1, 8 and 32 concurrent clients. adengine answers
 * `get_credit_balance` (auth, rate limit, balance and ledger reads); the floor a no-op tool; the
 * second floor the same no-op that also runs get_credit_balance's one statement, plainly, on the
 * same kind of database (bench/bare-statement-query.mjs): the bare server plus a bare query.
 * Run after `npm run build`:
 *   node --import tsx bench/mcp-per-call.ts [callsPerClient] [--postgres URL]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2Transport,
} from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const callsPerClient = Number(process.argv[2] ?? 200);
const postgresAt = process.argv.indexOf('--postgres');
const postgresUrl = postgresAt === -1 ? undefined : process.argv[postgresAt + 1];
const ticksPerSecond = 100;

// Long-lived SDK clients reuse one abort signal; undici then warns about listeners (harmless here).
process.on('warning', (warning) => {
  if (warning.name !== 'MaxListenersExceededWarning') console.error(warning);
});

interface Started {
  child: ChildProcess;
  baseUrl: string;
  key: string;
}

async function start(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const baseUrl = /listening on (http:\/\/\S+) /.exec(out)?.[1];
    if (baseUrl !== undefined) {
      // First start prints its key on stdout; wait for it when this is adengine.
      const key = /API key \(shown once, keep it\): (\S+)/.exec(out)?.[1] ?? '';
      if (key !== '' || args.some((arg) => arg.endsWith('.mjs'))) return { child, baseUrl, key };
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`did not start: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

type Caller = { call: () => Promise<unknown>; close: () => Promise<void> };

async function connect(era: '2025' | '2026', baseUrl: string, key: string, tool: string): Promise<Caller> {
  const headers: Record<string, string> = key === '' ? {} : { authorization: `Bearer ${key}` };
  const url = new URL(`${baseUrl}/mcp`);
  if (era === '2025') {
    const client = new LegacyClient({ name: 'bench', version: '1' });
    await client.connect(new LegacyTransport(url, { requestInit: { headers } }));
    return { call: () => client.callTool({ name: tool, arguments: {} }), close: () => client.close() };
  }
  const client = new V2Client(
    { name: 'bench', version: '1' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new V2Transport(url, { requestInit: { headers } }));
  return { call: () => client.callTool({ name: tool, arguments: {} }), close: () => client.close() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function measure(server: Started, era: '2025' | '2026', tool: string, clients: number) {
  const callers = await Promise.all(
    Array.from({ length: clients }, () => connect(era, server.baseUrl, server.key, tool)),
  );
  for (const caller of callers) for (let i = 0; i < 5; i++) await caller.call(); // warm-up
  const latencies: number[] = [];
  const pid = server.child.pid as number;
  const ticksBefore = cpuTicks(pid);
  const started = performance.now();
  await Promise.all(
    callers.map(async (caller) => {
      for (let i = 0; i < callsPerClient; i++) {
        const begun = performance.now();
        const result = (await caller.call()) as { isError?: boolean; content?: unknown };
        if (result.isError) throw new Error(`call failed: ${JSON.stringify(result.content)}`);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const ticks = cpuTicks(pid) - ticksBefore;
  await Promise.all(callers.map((caller) => caller.close().catch(() => undefined)));
  latencies.sort((a, b) => a - b);
  const calls = latencies.length;
  return {
    cpuMicrosPerCall: Math.round(((ticks / ticksPerSecond) * 1e6) / calls),
    callsPerSecond: Math.round(calls / elapsed),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
  };
}

const home = await mkdtemp(path.join(tmpdir(), 'adengine-bench-'));
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ADENGINE_HOME: home,
  LOG_LEVEL: 'error',
  // The floor has no limits: lift adengine's per-user request buckets out of the way.
  RATE_LIMIT_USER_PER_MINUTE: '1000000',
  RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
  RATE_LIMIT_TOOL_CALLS_PER_MINUTE: '1000000',
  RATE_LIMIT_SESSIONS_PER_MINUTE: '1000000',
  MCP_SESSIONS_PER_USER: '100',
  ...(postgresUrl === undefined ? {} : { DATABASE_URL: postgresUrl }),
};
const adengine = await start([path.join(root, 'dist/cli.js'), 'serve', '--port', '0'], env);
const bareServer = path.join(root, 'bench/bare-mcp-http-server.mjs');
const bare = {
  '2025': await start([bareServer], { ...env, BARE_ERA: '2025' }),
  '2026': await start([bareServer], { ...env, BARE_ERA: '2026' }),
};
const bareQuery = {
  '2025': await start([bareServer], { ...env, BARE_ERA: '2025', BARE_QUERY: '1' }),
  '2026': await start([bareServer], { ...env, BARE_ERA: '2026', BARE_QUERY: '1' }),
};
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const over = (a: number, b: number) => Number((a - b).toFixed(2));
const rows: Array<Record<string, unknown>> = [];
try {
  for (const clients of [1, 8, 32]) {
    for (const era of ['2025', '2026'] as const) {
      const floor = await measure(bare[era], era, 'noop', clients);
      const queryFloor = await measure(bareQuery[era], era, 'noop', clients);
      const product = await measure(adengine, era, 'get_credit_balance', clients);
      rows.push({
        era,
        clients,
        bare: floor,
        bareQuery: queryFloor,
        adengine: product,
        cpuRatio: ratio(product.cpuMicrosPerCall, floor.cpuMicrosPerCall),
        p50OverBareMs: over(product.p50Ms, floor.p50Ms),
        queryFloorCpuRatio: ratio(queryFloor.cpuMicrosPerCall, floor.cpuMicrosPerCall),
        queryFloorP50OverBareMs: over(queryFloor.p50Ms, floor.p50Ms),
        cpuRatioToQueryFloor: ratio(product.cpuMicrosPerCall, queryFloor.cpuMicrosPerCall),
        p50OverQueryFloorMs: over(product.p50Ms, queryFloor.p50Ms),
      });
      console.error(JSON.stringify(rows.at(-1)));
    }
  }
} finally {
  for (const server of [adengine, ...Object.values(bare), ...Object.values(bareQuery)])
    server.child.kill('SIGTERM');
}
console.log(
  JSON.stringify(
    {
      database: postgresUrl === undefined ? 'embedded' : 'postgres',
      callsPerClient,
      loadAverage: (await import('node:os')).loadavg()[0]?.toFixed(1),
      rows,
    },
    null,
    2,
  ),
);
