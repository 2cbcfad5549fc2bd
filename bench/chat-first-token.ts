/**
 * First-token latency of `POST /api/v1/chat` beside the stand-in model's own, in the same run.
 * The built `adengine serve` talks to the Bedrock stand-in running in this process, so the
 * stand-in's timings and the client's share one clock (`performance.now()`):
 *   - model floor: the stand-in's own time to first token (request read → first frame written);
 *   - pass-through: first frame written by the stand-in → first `token` event parsed by the client
 *     (everything AdEngine adds between the model's first token and the user's);
 *   - time to first token: request sent → first `token` event (turn set-up included: model choice,
 *     hold, conversation, the in-process MCP tool session and its tools/list, history);
 *   - first token → done: how long after the first `token` event `done` arrives (0: tokens waited for the turn's end);
 *   - relay floor: the same two process hops with nothing in between (bench/support/relay-floor.mjs):
 *     a bare Node relay streaming a "model" in this process to the client as SSE, measured the same way.
 *   npm run build && node --import tsx bench/chat-first-token.ts [turns]
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bedrockEnv, startBedrockFake } from '../test/fakes/bedrock-fake.js';

const turns = Number(process.argv[2] ?? 40);
const cli = path.resolve(import.meta.dirname, '../dist/cli.js');

const bedrock = await startBedrockFake();
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ADENGINE_HOME: await mkdtemp(path.join(tmpdir(), 'adengine-bench-chat-')),
  LOG_LEVEL: 'warn',
  ...bedrockEnv(bedrock),
  DEFAULT_CHAT_MODEL: 'claude-sonnet-4.6',
};

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]}: ${err}`))));
  });
}

await run(['users', 'create', '--email', 'bench@example.com', '--credits', '100000000']);
const { key } = JSON.parse(await run(['--json', 'keys', 'create', '--user', 'bench@example.com'])) as {
  key: string;
};
const serve = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stderr = '';
serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
let baseUrl: string | undefined;
while (baseUrl === undefined) {
  if (serve.exitCode !== null) throw new Error(stderr);
  baseUrl = /listening on (http:\/\/\S+) /.exec(stderr)?.[1];
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** One turn: the times of request sent and of the first `token` event, on this process's clock. */
async function turn(): Promise<{ sentAt: number; firstTokenAt: number; doneAt: number }> {
  const sentAt = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'A headline for bike locks' }),
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let firstTokenAt: number | undefined;
  let doneAt: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (firstTokenAt === undefined && text.includes('event: token\n')) firstTokenAt = performance.now();
    if (doneAt === undefined && text.includes('event: done\n')) doneAt = performance.now();
  }
  if (firstTokenAt === undefined || doneAt === undefined) throw new Error(`no tokens: ${text}`);
  return { sentAt, firstTokenAt, doneAt };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? NaN;
const ms = (value: number) => Number(value.toFixed(2));

for (let warm = 0; warm < 5; warm++) await turn();
const floor: number[] = [];
const passThrough: number[] = [];
const firstToken: number[] = [];
const tokenToDone: number[] = [];
for (let n = 0; n < turns; n++) {
  const before = bedrock.streamTimings.length;
  const { sentAt, firstTokenAt, doneAt } = await turn();
  const timing = bedrock.streamTimings[before];
  if (timing === undefined || bedrock.streamTimings.length !== before + 1)
    throw new Error('expected one model call');
  floor.push(timing.firstFrameAt - timing.receivedAt);
  passThrough.push(firstTokenAt - timing.firstFrameAt);
  firstToken.push(firstTokenAt - sentAt);
  tokenToDone.push(doneAt - firstTokenAt);
}
// The floor: the same topology (client → relay process → model in this process, streamed back).
let modelFirstChunkAt = 0;
const model = createServer((incoming, outgoing) => {
  incoming.resume();
  incoming.on('end', () => {
    outgoing.writeHead(200, { 'content-type': 'text/plain' });
    modelFirstChunkAt = performance.now();
    outgoing.write('Fresh ');
    setTimeout(() => outgoing.end('coffee.'), 5);
  });
});
await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
const modelPort = (model.address() as { port: number }).port;
const relay = spawn(
  process.execPath,
  [path.resolve(import.meta.dirname, 'support/relay-floor.mjs'), `http://127.0.0.1:${modelPort}/`],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const relayPort = await new Promise<string>((resolve) =>
  relay.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
);
async function relayed(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${relayPort}/`, { method: 'POST', body: '{}' });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let firstAt: number | undefined;
  for (;;) {
    const { done } = await reader.read();
    if (done) break;
    firstAt ??= performance.now();
  }
  return (firstAt ?? Number.NaN) - modelFirstChunkAt;
}
for (let warm = 0; warm < 5; warm++) await relayed();
const relayFloor: number[] = [];
for (let n = 0; n < turns; n++) relayFloor.push(await relayed());
relay.kill();
model.close();

const result = {
  turns,
  relayFloorMs: { p50: ms(median(relayFloor)), p90: ms(p90(relayFloor)) },
  modelFloorMs: { p50: ms(median(floor)), p90: ms(p90(floor)) },
  passThroughMs: { p50: ms(median(passThrough)), p90: ms(p90(passThrough)) },
  timeToFirstTokenMs: { p50: ms(median(firstToken)), p90: ms(p90(firstToken)) },
  firstTokenToDoneMs: { p50: ms(median(tokenToDone)), p90: ms(p90(tokenToDone)) },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
serve.kill('SIGTERM');
await new Promise((resolve) => serve.once('exit', resolve));
await bedrock.close();
