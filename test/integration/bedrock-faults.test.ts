import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { toBedrockError } from '../../src/providers/bedrock/bedrock-errors.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import type { AwsFault } from '../fakes/bedrock-fault-queue.js';
import { appErrorOf, chatText, startBedrockSubject } from '../fakes/bedrock-subjects.js';

type Subject = Awaited<ReturnType<typeof startBedrockSubject>>;
let subject: Subject | undefined;

afterEach(async () => {
  await subject?.close();
  subject = undefined;
});

const imageRequest = { prompt: 'A red shoe', aspectRatio: '1:1' as const, count: 1 };
const videoRequest = { prompt: 'A red shoe spinning', aspectRatio: '16:9' as const, durationSeconds: 6 };

const faults: { name: string; fault: AwsFault; code: string; retryable: boolean }[] = [
  {
    name: 'throttling (429 ThrottlingException)',
    fault: { kind: 'throttle' },
    code: 'RATE_LIMITED',
    retryable: true,
  },
  {
    name: '500 InternalServerException',
    fault: { kind: 'server-error', status: 500 },
    code: 'PROVIDER_ERROR',
    retryable: true,
  },
  {
    name: '503 ServiceUnavailableException',
    fault: { kind: 'server-error', status: 503 },
    code: 'PROVIDER_ERROR',
    retryable: true,
  },
  {
    name: '424 ModelErrorException',
    fault: { kind: 'model-error', originalStatus: 500 },
    code: 'PROVIDER_ERROR',
    retryable: false,
  },
  { name: 'a malformed body', fault: { kind: 'malformed' }, code: 'PROVIDER_ERROR', retryable: false },
];

const calls: { name: string; run: (current: Subject) => Promise<unknown> }[] = [
  { name: 'Nova Canvas generate', run: (current) => current.image.generate(imageRequest) },
  { name: 'chat ConverseStream', run: async (current) => chatText(await current.chat(true)) },
  { name: 'chat Converse', run: async (current) => chatText(await current.chat(false)) },
  { name: 'Nova Reel start', run: (current) => current.video.start(videoRequest) },
  {
    name: 'Nova Reel status',
    run: async (current) => {
      const operation = await current.video.start(videoRequest);
      return current.video.status(operation);
    },
  },
];

describe('Bedrock faults become typed AppErrors after exactly one try', () => {
  for (const call of calls) {
    for (const { name, fault, code, retryable } of faults) {
      it(`${call.name}: ${name} → ${code} (retryable ${retryable})`, async () => {
        subject = await startBedrockSubject();
        const operation = call.name === 'Nova Reel status' ? 'get-async-invoke' : undefined;
        subject.fake.inject(fault, operation === undefined ? {} : { operation });
        const error = await appErrorOf(call.run(subject));
        expect(error.code).toBe(code);
        expect(error.retryable).toBe(retryable);
        // The SDK clients make one attempt: retries belong to the resilience layer alone.
        const counted = subject.fake.requests.filter(
          (request) => operation === undefined || request.operation === operation,
        );
        expect(counted).toHaveLength(1);
      });
    }
  }
});

describe('Bedrock signatures and credentials', () => {
  it('a wrong secret is rejected by the signature check: PROVIDER_ERROR, not retryable, nothing served', async () => {
    subject = await startBedrockSubject({ env: { AWS_SECRET_ACCESS_KEY: 'not-the-secret' } });
    for (const run of [
      () => subject!.image.generate(imageRequest),
      async () => chatText(await subject!.chat(true)),
    ]) {
      const error = await appErrorOf(run());
      expect(error.code).toBe('PROVIDER_ERROR');
      expect(error.retryable).toBe(false);
      expect(error.message).not.toContain('not-the-secret');
    }
    expect(subject.fake.rejected).toEqual(['InvalidSignatureException', 'InvalidSignatureException']);
    expect(subject.fake.requests).toHaveLength(0);
  });

  it('an unknown key id is rejected as an unrecognized client', async () => {
    subject = await startBedrockSubject({ env: { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000' } });
    const error = await appErrorOf(subject.image.generate(imageRequest));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
    expect(subject.fake.rejected).toEqual(['UnrecognizedClientException']);
  });

  it('a signature scoped to another region is rejected', async () => {
    subject = await startBedrockSubject({ env: { AWS_REGION: 'eu-west-1' } });
    const error = await appErrorOf(subject.image.generate(imageRequest));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
    expect(subject.fake.rejected).toEqual(['InvalidSignatureException']);
  });

  it('a configured Bedrock API key is sent as a bearer token instead of a signature', async () => {
    subject = await startBedrockSubject({
      fake: { bearerTokens: ['bedrock-api-key-123'] },
      env: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-123' },
    });
    await subject.image.generate(imageRequest);
    expect(await chatText(await subject.chat(true))).toBeTruthy();
    expect(subject.fake.requests.map((request) => request.auth)).toEqual(['bearer', 'bearer']);
  });

  it('a wrong Bedrock API key is rejected', async () => {
    subject = await startBedrockSubject({
      fake: { bearerTokens: ['right'] },
      env: { AWS_BEARER_TOKEN_BEDROCK: 'wrong' },
    });
    const error = await appErrorOf(subject.image.generate(imageRequest));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
  });
});

describe('Bedrock cancellation and deadlines', () => {
  it('aborting a slow call ends it with CANCELLED', async () => {
    subject = await startBedrockSubject();
    subject.fake.inject({ kind: 'slow', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = appErrorOf(subject.image.generate({ ...imageRequest, signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('CANCELLED');
  });

  it('a deadline signal (AbortSignal.timeout) ends a slow call with TIMEOUT, retryable', async () => {
    subject = await startBedrockSubject();
    subject.fake.inject({ kind: 'slow', delayMs: 5_000 });
    const error = await appErrorOf(
      subject.image.generate({ ...imageRequest, signal: AbortSignal.timeout(50) }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('aborting a streaming chat ends it with CANCELLED', async () => {
    subject = await startBedrockSubject();
    subject.fake.inject({ kind: 'slow', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = appErrorOf(chatText(await subject.chat(true), controller.signal));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('CANCELLED');
  });
});

describe('the Bedrock stand-in is strict', () => {
  it('rejects a Nova Canvas body that breaks the documented schema, which maps to a non-retryable PROVIDER_ERROR', async () => {
    subject = await startBedrockSubject();
    const { runtime } = createBedrockClients(bedrockSettings(subject.config));
    const bodies = [
      {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'x' },
        imageGenerationConfig: { width: 1000, height: 1024 },
      },
      { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', negativeText: '' } },
      {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'x' },
        imageGenerationConfig: { numberOfImages: 6 },
      },
      { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', extra: true } },
    ];
    try {
      for (const body of bodies) {
        const error = await appErrorOf(
          runtime
            .send(
              new InvokeModelCommand({
                modelId: 'amazon.nova-canvas-v1:0',
                contentType: 'application/json',
                body: JSON.stringify(body),
              }),
            )
            .catch((caught: unknown) => {
              throw toBedrockError(caught);
            }),
        );
        expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
        // The vendor's words reach the server log only, never the client.
        expect(error.message).not.toContain('Malformed input request');
        expect((error.details as { providerMessage?: string } | undefined)?.providerMessage).toContain(
          'Malformed input request',
        );
      }
    } finally {
      runtime.destroy();
    }
  });
});
