/**
 * Provider latency, and the product's overhead over it, in one run against the stand-ins of
 * test/fakes (Bedrock, Gemini, OpenAI-compatible, SageMaker + S3): for each configured model,
 * chat time to first token and total, image total, video submit and one poll, through the
 * provider adapter (the floor: the model registry's own adapter, resilience included); then the
 * same calls through the core on an embedded database (chat: one orchestrator turn; images and
 * video: credits hold/capture, database, storage). Usage:
 *   node --openssl-legacy-provider --import tsx bench/providers.ts [runs=15] [warmups=5]
 * The stand-ins answer at once, so the numbers are client-side cost plus loopback; against a
 * real account (docs/aws-setup.md#real-latency) the provider's own time dominates:
 *   BENCH_REAL=1 BENCH_CHAT=claude-sonnet-4.6 BENCH_IMAGE=qwen-image BENCH_VIDEO=wan2.2 \
 *     node --import tsx bench/providers.ts 3
 * reads the real environment's config instead (each call is billed by the provider).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Message, type ModelStreamEvent, TextBlock } from '@strands-agents/sdk';
import type { Config } from '../src/config/config.js';
import { parseConfig } from '../src/config/load-config.js';
import { plainCaller } from '../src/core/caller.js';
import { createLogger } from '../src/logger.js';
import { openRuntime } from '../src/main/runtime.js';
import { createModelRegistry } from '../src/providers/model-registry.js';
import { startBedrockFake } from '../test/fakes/bedrock-fake.js';
import { awsTestConfig } from '../test/fakes/bedrock-test-config.js';
import { GeminiFake } from '../test/fakes/gemini-fake.js';
import { OpenAiCompatibleFake } from '../test/fakes/openai-compatible-fake.js';
import { s3rverCredentials, startS3rver } from '../test/fakes/s3rver-instance.js';
import { startSageMakerFake } from '../test/fakes/sagemaker-fake.js';

const runs = Number(process.argv[2] ?? 15);
/** Calls before measuring: the first product calls after opening the database ran 3–10× slower. */
const warmups = Number(process.argv[3] ?? 5);
const asyncBucket = 'bench-async';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? Number.NaN;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const real = process.env.BENCH_REAL === '1';
const list = (name: string, fallback: string[]) =>
  real ? (process.env[name] ?? '').split(',').filter((id) => id !== '') : fallback;
const chatModels = list('BENCH_CHAT', ['claude-sonnet-4.6', 'gemini-3.5-flash', 'openai-compatible']);
const imageModels = list('BENCH_IMAGE', ['stable-image-core', 'gemini-3.1-flash-image', 'qwen-image']);
const videoModels = list('BENCH_VIDEO', ['veo-fast', 'wan2.2']);
const closers: Array<() => Promise<void>> = [];
const home = await mkdtemp(path.join(os.tmpdir(), 'adengine-bench-providers-'));

async function standInConfig(): Promise<Config> {
  const s3rver = await startS3rver({ buckets: [asyncBucket] });
  const keys = [s3rverCredentials];
  const bedrock = await startBedrockFake({ keys, s3: s3rver.client() });
  const gemini = await GeminiFake.start();
  const openai = await OpenAiCompatibleFake.start();
  const sagemaker = await startSageMakerFake({
    keys,
    s3: s3rver.client(),
    outputS3Uri: `s3://${asyncBucket}/async-output`,
  });
  closers.push(
    () => bedrock.close(),
    () => gemini.close(),
    () => openai.close(),
    () => sagemaker.close(),
    () => s3rver.close(),
  );
  return awsTestConfig({
    ADENGINE_HOME: home,
    ADENGINE_INITIAL_CREDITS: '100000000',
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_PROVIDER_PER_MINUTE: '1000000',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.endpoint,
    AWS_ENDPOINT_URL_BEDROCK: bedrock.controlEndpoint,
    AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: sagemaker.endpoint,
    AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    BEDROCK_VIDEO_OUTPUT_S3_URI: `s3://${asyncBucket}/nova-reel/`,
    SAGEMAKER_QWEN_IMAGE_ENDPOINT: sagemaker.imageEndpoint,
    SAGEMAKER_WAN_VIDEO_ENDPOINT: sagemaker.videoEndpoint,
    SAGEMAKER_ASYNC_S3_URI: `s3://${asyncBucket}/async-input`,
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.baseUrl,
    OPENAI_BASE_URL: openai.baseUrl,
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_MODEL: 'qwen3-8b',
    LOG_LEVEL: 'silent',
  });
}

function realConfig(): Config {
  // The product side still runs on a scratch embedded database, so no real user is charged.
  const parsed = parseConfig({
    ...process.env,
    ADENGINE_HOME: home,
    DATABASE_URL: '',
    ADENGINE_INITIAL_CREDITS: '100000000',
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const config = real ? realConfig() : await standInConfig();

const registry = createModelRegistry({ config });
const rows: string[] = [];

const runtime = await openRuntime(config, createLogger('silent'));
const { user } = await runtime.core.ensureLocalUser();
const caller = plainCaller(user.id);

/** One chat call through the adapter: ms to the first text and to the end. */
async function providerChat(model: Awaited<ReturnType<typeof registry.chat>>): Promise<[number, number]> {
  const started = performance.now();
  let first = Number.NaN;
  const events: AsyncIterable<ModelStreamEvent> = model.stream(
    [new Message({ role: 'user', content: [new TextBlock('One line of ad copy for a coffee shop.')] })],
    { systemPrompt: 'You write ads.' },
  );
  for await (const event of events) {
    if (
      Number.isNaN(first) &&
      event.type === 'modelContentBlockDeltaEvent' &&
      event.delta.type === 'textDelta'
    )
      first = performance.now() - started;
  }
  return [first, performance.now() - started];
}

/** The same through the product: one orchestrator turn (tools listed, charged, stored), new conversation. */
async function productChat(id: string): Promise<[number, number]> {
  const started = performance.now();
  let first = Number.NaN;
  await runtime.core.chatTurn(
    caller,
    { message: 'One line of ad copy for a coffee shop.', model: id },
    (event) => {
      if (Number.isNaN(first) && event.type === 'token') first = performance.now() - started;
    },
  );
  return [first, performance.now() - started];
}

for (const id of chatModels) {
  const model = await registry.chat(id);
  const firstToken: number[] = [];
  const total: number[] = [];
  const productFirst: number[] = [];
  const productTotal: number[] = [];
  for (let run = -warmups; run < runs; run += 1) {
    const [first, whole] = await providerChat(model);
    const [turnFirst, turnWhole] = await productChat(id);
    if (run < 0) continue; // warm-up: SDK loading, connections, the database's first pages
    firstToken.push(first);
    total.push(whole);
    productFirst.push(turnFirst);
    productTotal.push(turnWhole);
  }
  rows.push(
    `| chat \`${id}\` | first token ${median(firstToken).toFixed(1)} ms (p90 ${p90(firstToken).toFixed(1)}), total ${median(total).toFixed(1)} ms (p90 ${p90(total).toFixed(1)}) | first token ${median(productFirst).toFixed(1)} ms, total ${median(productTotal).toFixed(1)} ms (p90 ${p90(productTotal).toFixed(1)}) | +${(median(productFirst) - median(firstToken)).toFixed(1)} / +${(median(productTotal) - median(total)).toFixed(1)} ms |`,
  );
}

for (const id of imageModels) {
  const model = await registry.image(id);
  const provider: number[] = [];
  const product: number[] = [];
  for (let run = -warmups; run < runs; run += 1) {
    const [, floor] = await timed(() =>
      model.generate({ prompt: 'A blue kettle', aspectRatio: '1:1', count: 1 }),
    );
    const [, whole] = await timed(() =>
      runtime.core.generateImages(caller, {
        prompt: 'A blue kettle',
        aspectRatio: '1:1',
        count: 1,
        model: id,
      }),
    );
    if (run < 0) continue;
    provider.push(floor);
    product.push(whole);
  }
  const overhead = median(product) - median(provider);
  rows.push(
    `| image \`${id}\` | total ${median(provider).toFixed(1)} ms (p90 ${p90(provider).toFixed(1)}) | ${median(product).toFixed(1)} ms (p90 ${p90(product).toFixed(1)}) | +${overhead.toFixed(1)} ms |`,
  );
}

for (const id of videoModels) {
  const model = await registry.video(id);
  const submit: number[] = [];
  const poll: number[] = [];
  const productSubmit: number[] = [];
  const productPoll: number[] = [];
  const request = { prompt: 'A blue kettle boiling', aspectRatio: '16:9' as const, durationSeconds: 5 };
  for (let run = -warmups; run < runs; run += 1) {
    const [operation, submitted] = await timed(() => model.start(request));
    const [, polled] = await timed(() => model.status(operation));
    const [job, jobSubmitted] = await timed(() =>
      runtime.core.startVideoJob(caller, { ...request, model: id }),
    );
    const [, jobPolled] = await timed(() => runtime.core.readJob(caller, job.jobId));
    if (run < 0) continue;
    submit.push(submitted);
    poll.push(polled);
    productSubmit.push(jobSubmitted);
    productPoll.push(jobPolled);
  }
  rows.push(
    `| video \`${id}\` | submit ${median(submit).toFixed(1)} ms, poll ${median(poll).toFixed(1)} ms | submit ${median(productSubmit).toFixed(1)} ms, poll ${median(productPoll).toFixed(1)} ms | +${(median(productSubmit) - median(submit)).toFixed(1)} / +${(median(productPoll) - median(poll)).toFixed(1)} ms |`,
  );
}

await runtime.stop();
await Promise.all(closers.map((close) => close()));
await rm(home, { recursive: true, force: true });

console.log(
  `${runs} runs each after ${warmups} warm-up calls, medians (p90), node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
);
console.log('| call | provider (adapter) | product (core) | overhead |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
