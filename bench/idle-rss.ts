/**
 * Idle RSS of `adengine serve` on embedded defaults (what `npm start` runs), first start and a
 * restart on the same home, beside floors measured in the same run: Node alone, and a bare PGlite
 * opened on the same folder with PGlite's own defaults and with ours. Run after `npm run build`:
 *   node --import tsx bench/idle-rss.ts [idleSeconds]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const idleMs = Number(process.argv[2] ?? 10) * 1000;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024);
}

/** Spawns a process, waits for `ready` on its stderr or stdout, idles, samples RSS, stops it. */
async function idleRss(args: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!ready.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no "${ready}": ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const rss = rssMiB(child.pid as number);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return rss;
}

const home = mkdtempSync(path.join(tmpdir(), 'adengine-rss-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ADENGINE_HOME: home,
  LOG_LEVEL: 'warn',
};
const serve = [path.join(root, 'dist/cli.js'), 'serve', '--port', '0'];
const listening = /listening on http/;

const pgliteScript = (options: string) => `
  const { PGlite } = await import(${JSON.stringify(path.join(root, 'node_modules/@electric-sql/pglite/dist/index.js'))});
  const db = new PGlite(process.argv[1], ${options});
  await db.waitReady; await db.query('select count(*) from pg_class'); console.error('ready');
  setInterval(() => {}, 1000);`;
const pglite = (options: string) => [
  '--input-type=module',
  '-e',
  pgliteScript(options),
  path.join(home, 'pgdata'),
];

const result = {
  idleSeconds: idleMs / 1000,
  serveFirstStartMiB: await idleRss(serve, env, listening),
  serveRestartMiB: await idleRss(serve, env, listening),
  floors: {
    nodeAloneMiB: await idleRss(['-e', 'console.error("ready"); setInterval(() => {}, 1000)'], env, /ready/),
    pgliteDefaultsMiB: await idleRss(pglite('{}'), env, /ready/),
    pgliteSharedBuffers16MiB: await idleRss(
      pglite(`{ startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] }`),
      env,
      /ready/,
    ),
  },
  loadAverage: (await import('node:os')).loadavg()[0]?.toFixed(1),
};
console.log(JSON.stringify(result, null, 2));
