/**
 * Memory under hostile load (issue 11), each scenario in a fresh server process, beside a floor
 * measured the same way in the same run:
 *   A. 2,000 MCP sessions opened by one user and left idle; floor: 2,000 plain REST requests.
 *   B. 20 concurrent `resources/read` of an 8 MiB asset; floor: the same of a 64 KiB asset.
 * Each runs with the default limits and "uncapped" (limits raised out of the way), to show
 * what the caps hold back. Growth = the server's RSS peak (VmHWM, reset after warm-up) minus its
 * RSS after warm-up, read from /proc (Linux). Run: node --import tsx bench/memory-hardening.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;

interface Server {
  child: ChildProcess;
  base: string;
  key: string;
  large: string;
  small: string;
}

async function startServer(extra: Record<string, string>): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench/support/memory-server.ts')],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ADENGINE_HOME: mkdtempSync(path.join(tmpdir(), 'adengine-memory-')),
        LOG_LEVEL: 'error',
        ...extra,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout as never }).once('line', resolve),
  );
  const { port, key, large, small } = JSON.parse(line) as {
    port: number;
    key: string;
    large: string;
    small: string;
  };
  return { child, base: `http://127.0.0.1:${port}`, key, large, small };
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN);
}

const headers = (server: Server, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${server.key}`,
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
  ...extra,
});

async function initialize(server: Server): Promise<{ status: number; session: string | null }> {
  const response = await fetch(`${server.base}/mcp`, {
    method: 'POST',
    headers: headers(server),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    }),
  });
  await response.arrayBuffer();
  return { status: response.status, session: response.headers.get('mcp-session-id') };
}

let nextId = 2;

async function readResource(server: Server, session: string, uri: string): Promise<number> {
  const response = await fetch(`${server.base}/mcp`, {
    method: 'POST',
    headers: headers(server, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' }),
    // Distinct ids: a session answers each request id once.
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'resources/read', params: { uri } }),
  });
  return (await response.arrayBuffer()).byteLength;
}

/** Runs `work` against a fresh server; answers its RSS peak growth over the warmed-up baseline. */
async function measure(
  extra: Record<string, string>,
  work: (server: Server) => Promise<string>,
): Promise<{ growthMiB: number; note: string }> {
  const server = await startServer(extra);
  const pid = server.child.pid as number;
  for (let index = 0; index < 20; index++)
    await (await fetch(`${server.base}/api/v1/me/credits`, { headers: headers(server) })).arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const baseline = statusKiB(pid, 'VmRSS');
  writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
  const note = await work(server);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const peak = statusKiB(pid, 'VmHWM');
  server.child.stdin?.end();
  server.child.kill('SIGKILL');
  return { growthMiB: Math.round(((peak - baseline) / 1024) * 10) / 10, note };
}

const uncapped = {
  MCP_SESSIONS_PER_USER: '100000',
  MCP_SESSIONS_MAX: '100000',
  RATE_LIMIT_REQUESTS_PER_MINUTE: '100000000',
  RATE_LIMIT_SESSIONS_PER_MINUTE: '100000000',
  RATE_LIMIT_TOOL_CALLS_PER_MINUTE: '100000000',
};

async function sessions(server: Server): Promise<string> {
  const counts = new Map<number, number>();
  for (let batch = 0; batch < 2000 / 20; batch++) {
    const answers = await Promise.all(Array.from({ length: 20 }, () => initialize(server)));
    for (const { status } of answers) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, count]) => `${count}× ${status}`).join(', ');
}

async function plainRequests(server: Server): Promise<string> {
  for (let batch = 0; batch < 2000 / 20; batch++)
    await Promise.all(
      Array.from({ length: 20 }, async () =>
        (await fetch(`${server.base}/api/v1/me/credits`, { headers: headers(server) })).arrayBuffer(),
      ),
    );
  return '2000 requests';
}

function reads(which: 'large' | 'small', query = '') {
  return async (server: Server) => {
    const { session } = await initialize(server);
    const sizes = await Promise.all(
      Array.from({ length: 20 }, () =>
        readResource(server, session as string, `asset://${server[which]}${query}`),
      ),
    );
    return `answers of ${Math.round(Math.max(...sizes) / 1024)} KiB each`;
  };
}

const rows: string[] = [];
/** `node --import tsx bench/memory-hardening.ts [text]` runs only the rows whose name holds `text`. */
const only = process.argv[2];
/** RSS peaks vary with when V8 collects: each row runs 3 times, in fresh processes. */
const repeats = 3;
async function row(name: string, extra: Record<string, string>, work: (server: Server) => Promise<string>) {
  if (only !== undefined && !name.includes(only)) return;
  const runs: number[] = [];
  let note = '';
  for (let run = 0; run < repeats; run++) {
    const measured = await measure(extra, work);
    runs.push(measured.growthMiB);
    note = measured.note;
  }
  runs.sort((a, b) => a - b);
  const range = `${runs[0]}–${runs.at(-1)} MiB (median ${runs[1]})`;
  rows.push(`| ${name} | ${range} | ${note} |`);
  process.stderr.write(`${name}: ${range} (${note})\n`);
}

await row('floor: 2,000 REST requests (uncapped)', uncapped, plainRequests);
await row('2,000 sessions, default caps', {}, sessions);
await row('2,000 sessions, uncapped', uncapped, sessions);
await row('floor: 20 reads of 64 KiB', {}, reads('small'));
await row('20 reads of 8 MiB, default (URL answers)', {}, reads('large'));
await row(
  '20 reads of 8 MiB asking for bytes, 2 at a time (default gate)',
  { MCP_READ_MAX_BYTES: String(16 * MiB) },
  reads('large', '?bytes=true'),
);
await row(
  '20 reads of 8 MiB asking for bytes, 1 at a time',
  { MCP_LARGE_READS_MAX: '1' },
  reads('large', '?bytes=true'),
);
await row(
  '20 reads of 8 MiB asking for bytes, gate opened to 20',
  { MCP_LARGE_READS_MAX: '20' },
  reads('large', '?bytes=true'),
);
process.stdout.write(
  `| scenario | server RSS peak growth (3 runs) | answers |\n|---|---|---|\n${rows.join('\n')}\n`,
);
