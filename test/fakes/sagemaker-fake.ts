import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fakeAwsKeys } from './bedrock-fake.js';
import { type AwsFault, delay, FaultQueue } from './bedrock-fault-queue.js';
import { type AwsKeyPair, verifySigV4 } from './bedrock-sigv4-verifier.js';
import {
  type Answer,
  answerImageContainer,
  awsError,
  type PendingJob,
  s3Parts,
  sageMakerFault,
  writeJobResult,
} from './sagemaker-fake-answers.js';
import { issuesOf, wanVideoBodySchema } from './sagemaker-fake-bodies.js';

export type SageMakerOperation = 'invoke-endpoint' | 'invoke-endpoint-async';

export interface RecordedSageMakerRequest {
  operation: SageMakerOperation;
  endpointName: string;
  /** The JSON body (sync) or the input object read from S3 (async). */
  body: unknown;
  inputLocation: string | undefined;
  accessKeyId: string;
}

export interface SageMakerFakeOptions {
  region?: string;
  keys?: readonly AwsKeyPair[];
  /** A client of the S3 stand-in: async input is read from it and output written to it. */
  s3: S3Client;
  /** `s3://bucket/prefix` for outputs (the endpoint's S3OutputPath); failures go under `…-failures`. */
  outputS3Uri: string;
  imageEndpoint?: string;
  videoEndpoint?: string;
  /** How the image container answers: JSON `images`, JSON `generated_images`, or raw PNG bytes. */
  imageAnswer?: 'images' | 'generated_images' | 'raw';
  /** How the video container writes its output: raw MP4 or JSON `{video: base64}`. */
  videoAnswer?: 'raw' | 'json';
}

export interface SageMakerFake {
  endpoint: string;
  region: string;
  imageEndpoint: string;
  videoEndpoint: string;
  requests: RecordedSageMakerRequest[];
  rejected: string[];
  /** Signed requests that reached an operation, faults included. */
  readonly attempts: number;
  inject(fault: AwsFault, options?: { operation?: SageMakerOperation; times?: number }): void;
  /** Drops faults not consumed yet (between property-test runs). */
  clearFaults(): void;
  completeAll(): Promise<void>;
  failNext(): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** SageMaker Runtime over HTTP/1.1 with SigV4 (service `sagemaker`), sync and async invocations. */
export async function startSageMakerFake(options: SageMakerFakeOptions): Promise<SageMakerFake> {
  const region = options.region ?? 'us-east-1';
  const keys = options.keys ?? [fakeAwsKeys];
  const imageEndpoint = options.imageEndpoint ?? 'qwen-image-endpoint';
  const videoEndpoint = options.videoEndpoint ?? 'wan-video-endpoint';
  const outputPrefix = options.outputS3Uri.replace(/\/+$/, '');
  const faults = new FaultQueue<SageMakerOperation>();
  const requests: RecordedSageMakerRequest[] = [];
  const rejected: string[] = [];
  const pending: PendingJob[] = [];
  let failNext = false;
  let attempts = 0;

  function invokeEndpoint(
    name: string,
    request: IncomingMessage,
    body: Uint8Array,
    malformed: boolean,
    key: string,
  ): Answer {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      parsed = undefined;
    }
    requests.push({
      operation: 'invoke-endpoint',
      endpointName: name,
      body: parsed,
      inputLocation: undefined,
      accessKeyId: key,
    });
    return answerImageContainer(
      request.headers['content-type'],
      parsed,
      options.imageAnswer ?? 'images',
      malformed,
    );
  }

  async function invokeAsync(
    name: string,
    request: IncomingMessage,
    malformed: boolean,
    key: string,
  ): Promise<Answer> {
    const inputLocation = String(request.headers['x-amzn-sagemaker-inputlocation'] ?? '');
    const input = s3Parts(inputLocation);
    if (input === undefined) return awsError(400, 'ValidationError', 'InputLocation must be an s3:// URI.');
    let text: string;
    try {
      const object = await options.s3.send(new GetObjectCommand({ Bucket: input.bucket, Key: input.key }));
      text = (await object.Body?.transformToString('utf8')) ?? '';
    } catch {
      return awsError(400, 'ValidationError', `Could not access the input location ${inputLocation}.`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    requests.push({
      operation: 'invoke-endpoint-async',
      endpointName: name,
      body: parsed,
      inputLocation,
      accessKeyId: key,
    });
    // The container only sees the input later, so a bad input ends as a failure object, as on SageMaker.
    const video = wanVideoBodySchema.safeParse(parsed);
    const id = String(request.headers['x-amzn-sagemaker-inference-id'] ?? randomUUID());
    const job: PendingJob = {
      id,
      output: s3Parts(`${outputPrefix}/${id}.out`)!,
      failure: s3Parts(`${outputPrefix}-failures/${id}-error.out`)!,
      failMessage: !video.success
        ? `Invalid input: ${issuesOf(video.error)}`
        : failNext
          ? 'CUDA out of memory (stand-in)'
          : undefined,
    };
    failNext = false;
    pending.push(job);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!malformed) {
      headers['x-amzn-sagemaker-outputlocation'] = `s3://${job.output.bucket}/${job.output.key}`;
      headers['x-amzn-sagemaker-failurelocation'] = `s3://${job.failure.bucket}/${job.failure.key}`;
    }
    return { status: 202, headers, body: JSON.stringify({ InferenceId: id }) };
  }

  async function handle(request: IncomingMessage, body: Uint8Array): Promise<Answer> {
    const rawPath = request.url ?? '/';
    const verdict = await verifySigV4(
      { method: request.method ?? 'GET', rawPath, headers: request.headers, body },
      { service: 'sagemaker', region, keys },
    );
    if (!verdict.ok) {
      rejected.push(verdict.errorType);
      return awsError(403, verdict.errorType, verdict.message);
    }
    const match = /^\/endpoints\/([^/]+)\/(invocations|async-invocations)$/.exec(rawPath.split('?')[0] ?? '');
    if (request.method !== 'POST' || match === null)
      return awsError(404, 'UnknownOperationException', 'No such operation.');
    attempts += 1;
    const name = decodeURIComponent(match[1] ?? '');
    const operation: SageMakerOperation =
      match[2] === 'invocations' ? 'invoke-endpoint' : 'invoke-endpoint-async';
    const expected = operation === 'invoke-endpoint' ? imageEndpoint : videoEndpoint;
    if (name !== expected)
      return awsError(400, 'ValidationError', `Endpoint ${name} of account 123456789012 not found.`);
    const fault = faults.take(operation);
    if (fault?.kind === 'slow') await delay(fault.delayMs);
    const failure = fault === undefined ? undefined : sageMakerFault(fault);
    if (failure !== undefined) return failure;
    const malformed = fault?.kind === 'malformed';
    return operation === 'invoke-endpoint'
      ? invokeEndpoint(name, request, body, malformed, verdict.accessKeyId)
      : invokeAsync(name, request, malformed, verdict.accessKeyId);
  }

  function send(response: ServerResponse, answer: Answer): void {
    if (response.destroyed) return;
    response.writeHead(answer.status, { 'x-amzn-requestid': randomUUID(), ...answer.headers });
    response.end(answer.body ?? '');
  }

  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => handle(request, body))
      .then(
        (answer) => send(response, answer),
        (error: unknown) => send(response, awsError(500, 'InternalFailure', String(error))),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function completeAll(): Promise<void> {
    for (const job of pending.splice(0)) await writeJobResult(options.s3, job, options.videoAnswer ?? 'raw');
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    imageEndpoint,
    videoEndpoint,
    requests,
    rejected,
    get attempts() {
      return attempts;
    },
    inject: (fault, injectOptions) => faults.inject(fault, injectOptions),
    clearFaults: () => faults.clear(),
    completeAll,
    failNext: () => {
      failNext = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
