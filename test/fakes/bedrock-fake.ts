import { randomUUID } from 'node:crypto';
import type { Http2Session, IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { AsyncInvokeJobs } from './bedrock-fake-async.js';
import {
  type BedrockControlFake,
  type FoundationModelRow,
  startBedrockControlFake,
} from './bedrock-fake-control.js';
import {
  type Answer,
  answerOperation,
  awsError,
  type BedrockOperation,
  parseJson,
  route,
} from './bedrock-fake-operations.js';
import { type AwsFault, delay, FaultQueue, faultAnswer } from './bedrock-fault-queue.js';
import { type AwsKeyPair, verifySigV4 } from './bedrock-sigv4-verifier.js';

export type { BedrockOperation } from './bedrock-fake-operations.js';

export interface RecordedBedrockRequest {
  operation: BedrockOperation;
  /** Model id from the path (InvokeModel, Converse) or the body (StartAsyncInvoke). */
  modelId: string | undefined;
  body: unknown;
  auth: 'sigv4' | 'bearer';
  accessKeyId: string | undefined;
}

export interface BedrockFakeOptions {
  region?: string;
  keys?: readonly AwsKeyPair[];
  /** Bedrock API keys accepted as `Authorization: Bearer …`. */
  bearerTokens?: readonly string[];
  /** Where finished Nova Reel videos are written (a client of the S3 stand-in). */
  s3?: S3Client;
  /** The text every chat call answers. */
  answer?: string;
  /** Pause between streamed frames, so a test sees tokens arrive while the answer is still being written. */
  frameDelayMs?: number;
  /** Model ids (without a profile prefix) whose Converse refuses a forced tool choice, as the service does. */
  noForcedToolChoice?: readonly string[];
  /** What ListFoundationModels lists (default: the catalogue's Bedrock ids, all ACTIVE). */
  foundationModels?: FoundationModelRow[];
}

export interface BedrockFake {
  endpoint: string;
  /** The control plane (ListFoundationModels), HTTP/1.1: AWS_ENDPOINT_URL_BEDROCK. */
  controlEndpoint: string;
  /** ListFoundationModels rows; edit them to flip a model's lifecycle between syncs. */
  foundationModels: FoundationModelRow[];
  region: string;
  requests: RecordedBedrockRequest[];
  /** When each streamed answer's last frame was written (ms since the epoch). */
  streamsFinishedAt: number[];
  /** Per streamed answer, on this process's `performance.now()` clock: request fully read, first frame written. */
  streamTimings: { receivedAt: number; firstFrameAt: number }[];
  /** Requests turned away by the signature check, by error type. */
  rejected: string[];
  inject(fault: AwsFault, options?: { operation?: BedrockOperation; times?: number }): void;
  /** Drops faults not consumed yet (between property-test runs). */
  clearFaults(): void;
  /** Ends every running async job (writing output.mp4, or failing those marked by `failNext`). */
  completeAll(): Promise<void>;
  failNext(): void;
  close(): Promise<void>;
}

export const fakeAwsKeys: AwsKeyPair = {
  accessKeyId: 'AKIAFAKEBEDROCK0001',
  secretAccessKey: 'fake-secret-for-tests-only',
};
/** The environment that points AdEngine's Bedrock runtime and control clients at this stand-in. */
export function bedrockEnv(fake: Pick<BedrockFake, 'endpoint' | 'controlEndpoint'>): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: fakeAwsKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fakeAwsKeys.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint,
    AWS_ENDPOINT_URL_BEDROCK: fake.controlEndpoint,
  };
}

export const defaultFakeAnswer = 'Fresh coffee, delivered before your first meeting.';
/** Reported to reject a forced tool choice (issue 13). */
export const defaultNoForcedToolChoice = ['anthropic.claude-sonnet-5-5'];

/** Bedrock Runtime over cleartext HTTP/2, as the SDK's default handler speaks it, checking SigV4. */
export async function startBedrockFake(options: BedrockFakeOptions = {}): Promise<BedrockFake> {
  const region = options.region ?? 'us-east-1';
  const keys = options.keys ?? [fakeAwsKeys];
  const answerText = options.answer ?? defaultFakeAnswer;
  const faults = new FaultQueue<BedrockOperation>();
  const jobs = new AsyncInvokeJobs(region, options.s3);
  const requests: RecordedBedrockRequest[] = [];
  const streamsFinishedAt: number[] = [];
  const streamTimings: { receivedAt: number; firstFrameAt: number }[] = [];
  const rejected: string[] = [];
  const noForcedToolChoice = options.noForcedToolChoice ?? defaultNoForcedToolChoice;
  const control: BedrockControlFake = await startBedrockControlFake({
    region,
    keys,
    ...(options.foundationModels === undefined ? {} : { models: options.foundationModels }),
  });

  async function authenticate(
    headers: IncomingHttpHeaders,
    rawPath: string,
    body: Uint8Array,
  ): Promise<{ auth: 'sigv4' | 'bearer'; accessKeyId: string | undefined } | Answer> {
    const authorization = String(headers.authorization ?? '');
    if (authorization.startsWith('Bearer ')) {
      if ((options.bearerTokens ?? []).includes(authorization.slice(7)))
        return { auth: 'bearer', accessKeyId: undefined };
      rejected.push('UnrecognizedClientException');
      return awsError(403, 'UnrecognizedClientException', 'Invalid API key.');
    }
    const verdict = await verifySigV4(
      { method: String(headers[':method']), rawPath, headers, body },
      { service: 'bedrock', region, keys },
    );
    if (!verdict.ok) {
      rejected.push(verdict.errorType);
      return awsError(403, verdict.errorType, verdict.message);
    }
    return { auth: 'sigv4', accessKeyId: verdict.accessKeyId };
  }

  async function handle(
    stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    body: Uint8Array,
  ): Promise<Answer> {
    const rawPath = String(headers[':path'] ?? '/');
    const path = rawPath.split('?')[0] ?? '/';
    const target = route(String(headers[':method']), path);
    const auth = await authenticate(headers, rawPath, body);
    if ('status' in auth) return auth;
    if (target === undefined) return awsError(404, 'UnknownOperationException', `No route for ${path}`);
    const fault = faults.take(target.operation);
    const failure = fault === undefined ? undefined : faultAnswer(fault);
    if (fault?.kind === 'slow') await delay(fault.delayMs);
    if (stream.destroyed) return { status: 499 };
    const parsed = parseJson(body);
    const recorded = parsed.ok ? parsed.value : undefined;
    const bodyModel = (recorded as { modelId?: unknown } | undefined)?.modelId;
    requests.push({
      operation: target.operation,
      modelId: target.modelId ?? (typeof bodyModel === 'string' ? bodyModel : undefined),
      body: recorded,
      auth: auth.auth,
      accessKeyId: auth.accessKeyId,
    });
    // A faulted call reached the service but did nothing: no job started, no image made.
    if (failure !== undefined) return awsError(failure.status, failure.errorType, failure.message);
    return answerOperation(target, body, fault?.kind === 'malformed', {
      jobs,
      answerText,
      noForcedToolChoice,
    });
  }

  function send(stream: ServerHttp2Stream, answer: Answer, receivedAt = performance.now()): void {
    if (stream.destroyed || stream.closed) return;
    stream.respond({ ':status': answer.status, 'x-amzn-requestid': randomUUID(), ...answer.headers });
    if (answer.frames !== undefined) streamTimings.push({ receivedAt, firstFrameAt: performance.now() });
    if (answer.frames !== undefined && (options.frameDelayMs ?? 0) > 0) {
      void (async () => {
        for (const frame of answer.frames ?? []) {
          if (stream.destroyed || stream.closed) return;
          stream.write(frame);
          await delay(options.frameDelayMs ?? 0);
        }
        streamsFinishedAt.push(Date.now());
        stream.end();
      })();
    } else if (answer.frames !== undefined) {
      for (const frame of answer.frames) stream.write(frame);
      streamsFinishedAt.push(Date.now());
      stream.end();
    } else {
      stream.end(answer.body ?? '');
    }
  }

  const server = createServer();
  const sessions = new Set<Http2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', () => undefined);
    stream.on('end', () => {
      const receivedAt = performance.now();
      handle(stream, headers, new Uint8Array(Buffer.concat(chunks))).then(
        (answer) => send(stream, answer, receivedAt),
        (error: unknown) => send(stream, awsError(500, 'InternalServerException', String(error))),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    controlEndpoint: control.endpoint,
    foundationModels: control.models,
    region,
    requests,
    streamsFinishedAt,
    streamTimings,
    rejected,
    inject: (fault, injectOptions) => faults.inject(fault, injectOptions),
    clearFaults: () => faults.clear(),
    completeAll: () => jobs.completeAll(),
    failNext: () => jobs.failNext(),
    close: async () => {
      await control.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep HTTP/2 sessions open; the server only closes once they are gone.
        for (const session of sessions) session.destroy();
      });
    },
  };
}
