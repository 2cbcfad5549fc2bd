/**
 * Time from spawning `adengine stdio` to its `tools/list` answer, beside a bare MCP SDK server
 * with the same tool count, alternating runs in one process; also `stdio --user EMAIL`, which
 * checks the user (one database open) before it answers `initialize`. Run after `npm run build`:
 *   node --import tsx bench/stdio-startup.ts [runs]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { toolList } from '../src/tools/tool-list.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 15);

async function timeToToolsList(args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args, env, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  if (tools.length !== toolList.length)
    throw new Error(`expected ${toolList.length} tools, got ${tools.length}`);
  await client.close();
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const home = mkdtempSync(path.join(tmpdir(), 'adengine-bench-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ADENGINE_HOME: home,
  LOG_LEVEL: 'error',
  BARE_TOOL_COUNT: String(toolList.length),
};
const adengine = [path.join(root, 'dist/cli.js'), 'stdio'];
const bare = [path.join(root, 'bench/bare-mcp-server.mjs')];

// First start creates the embedded database; measure it once, then the usual warm start.
const first = await timeToToolsList(adengine, env);
execFileSync(
  process.execPath,
  [path.join(root, 'dist/cli.js'), 'users', 'create', '--email', 'bench@example.com'],
  {
    env,
    stdio: 'ignore',
  },
);
const withUser = [...adengine, '--user', 'bench@example.com'];
const samples = { adengine: [] as number[], bare: [] as number[], withUser: [] as number[] };
// A finished run may still be closing its database: let it end before the next one starts.
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));
for (let run = 0; run < runs; run++) {
  await settle();
  samples.bare.push(await timeToToolsList(bare, env));
  await settle();
  samples.adengine.push(await timeToToolsList(adengine, env));
  await settle();
  samples.withUser.push(await timeToToolsList(withUser, env));
}
const result = {
  runs,
  firstStartMs: Math.round(first),
  adengineMedianMs: Math.round(median(samples.adengine)),
  bareMedianMs: Math.round(median(samples.bare)),
  ratio: Number((median(samples.adengine) / median(samples.bare)).toFixed(2)),
  withUserMedianMs: Math.round(median(samples.withUser)),
  withUserRatio: Number((median(samples.withUser) / median(samples.bare)).toFixed(2)),
  loadAverage: (await import('node:os')).loadavg()[0]?.toFixed(1),
};
console.log(JSON.stringify(result, null, 2));
