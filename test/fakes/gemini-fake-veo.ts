import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { type FakeFault, sendGoogleError, sendJson } from './gemini-fake-http.js';
import { checkPredictLongRunningBody } from './gemini-fake-validation.js';

interface FakeOperation {
  name: string;
  model: string;
  durationSeconds: number;
  state: 'running' | 'succeeded' | 'failed' | 'filtered';
  /** Where `completeAll` takes it. */
  outcome: 'succeeded' | 'failed' | 'filtered';
  fileId: string;
}

/**
 * What the fake "renders" for Veo: a real one-second H.264 MP4 (64×64, 8 fps, 2.9 KB, made with
 * `ffmpeg -f lavfi -i testsrc=size=64x64:rate=8:duration=1 -c:v libx264 -profile:v baseline
 * -pix_fmt yuv420p -movflags +faststart`), so a browser can decode and play what is stored.
 */
export const fakeVideoBytes = readFileSync(new URL('../fixtures/media/one-second-h264.mp4', import.meta.url));

/** Veo's long-running operations in the Gemini fake: start, poll, and the file download of the result. */
export class VeoOperations {
  private readonly operations = new Map<string, FakeOperation>();
  private nextOutcome: FakeOperation['outcome'] | undefined;

  constructor(private readonly baseUrl: () => string) {}

  completeAll(): void {
    for (const operation of this.operations.values()) {
      if (operation.state === 'running') operation.state = operation.outcome;
    }
  }

  failNext(outcome: 'failed' | 'filtered'): void {
    this.nextOutcome = outcome;
  }

  start(model: string, body: unknown, fault: FakeFault | undefined, response: ServerResponse): void {
    const problem = checkPredictLongRunningBody(body);
    if (problem) {
      sendGoogleError(response, 400, 'INVALID_ARGUMENT', problem);
      return;
    }
    const id = randomUUID().replaceAll('-', '').slice(0, 12);
    const parameters = (body as { parameters?: { durationSeconds?: number } }).parameters;
    const operation: FakeOperation = {
      name: `models/${model}/operations/${id}`,
      model,
      durationSeconds: parameters?.durationSeconds ?? 8,
      state: 'running',
      outcome: this.nextOutcome ?? 'succeeded',
      fileId: randomUUID().replaceAll('-', ''),
    };
    this.nextOutcome = undefined;
    this.operations.set(id, operation);
    if (fault?.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"name": "models/');
      return;
    }
    sendJson(response, 200, { name: operation.name });
  }

  get(id: string, response: ServerResponse): void {
    const operation = this.operations.get(id);
    if (!operation) {
      sendGoogleError(response, 404, 'NOT_FOUND', `Operation ${id} not found`);
      return;
    }
    const base = { name: operation.name };
    if (operation.state === 'running') {
      sendJson(response, 200, base);
      return;
    }
    if (operation.state === 'failed') {
      sendJson(response, 200, {
        ...base,
        done: true,
        error: { code: 13, message: 'Video generation failed.' },
      });
      return;
    }
    const generateVideoResponse =
      operation.state === 'filtered'
        ? {
            raiMediaFilteredCount: 1,
            raiMediaFilteredReasons: ['The prompt could not be submitted: it may violate our policies.'],
          }
        : {
            generatedSamples: [
              { video: { uri: `${this.baseUrl()}/v1beta/files/${operation.fileId}:download?alt=media` } },
            ],
          };
    sendJson(response, 200, {
      ...base,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
        generateVideoResponse,
      },
    });
  }

  download(fileId: string, url: URL, response: ServerResponse): void {
    const known = [...this.operations.values()].some(
      (op) => op.fileId === fileId && op.state === 'succeeded',
    );
    if (!known || url.searchParams.get('alt') !== 'media') {
      sendGoogleError(response, 404, 'NOT_FOUND', `File ${fileId} not found`);
      return;
    }
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': fakeVideoBytes.length });
    response.end(fakeVideoBytes);
  }
}
