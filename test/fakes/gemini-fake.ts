import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerGenerateContent, promptText } from './gemini-fake-content.js';
import { delay, type FakeFault, readBody, sendGoogleError, sendJson } from './gemini-fake-http.js';
import { OmniInteractions } from './gemini-fake-interactions.js';
import { geminiImageAspectRatios, geminiImageSizes } from './gemini-fake-validation.js';
import { VeoOperations } from './gemini-fake-veo.js';
import { encodePng } from './png.js';

export interface GeminiFakeOptions {
  apiKey?: string;
  chatModels?: string[];
  imageModels?: string[];
  videoModels?: string[];
  /** Models served through the Interactions API (Gemini Omni). */
  interactionModels?: string[];
  /** The fake's answer to a chat prompt; deterministic echo by default. */
  reply?: (prompt: string) => string;
  /** Images are sent at the documented size divided by this, to keep tests light. */
  imageScale?: number;
}

export interface RecordedGeminiRequest {
  method: string;
  path: string;
  apiVersion: string | undefined;
  model: string | undefined;
  action: string;
  apiKey: string | undefined;
  body: unknown;
}

const apiPath =
  /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent|predictLongRunning)$/;
const operationPath = /^\/(v1|v1beta|v1alpha)\/(?:models\/([^/]+)\/)?operations\/([^/]+)$/;
const filePath = /^\/(v1|v1beta|v1alpha)\/files\/([^/:]+):download$/;
const listPath = /^\/(v1|v1beta|v1alpha)\/models$/;
const interactionsPath = /^\/(v1|v1beta|v1alpha)\/interactions(?:\/([^/:]+))?$/;

/**
 * Stand-in for the Gemini Developer API over HTTP/1.1: generateContent, streamGenerateContent (SSE),
 * Veo's predictLongRunning, operation polling and the video file download, and Omni's Interactions
 * (create in the background, get). Strict about keys and bodies.
 */
export class GeminiFake {
  readonly requests: RecordedGeminiRequest[] = [];
  readonly apiKey: string;
  private readonly server: Server;
  private readonly faults: FakeFault[] = [];
  private readonly veo = new VeoOperations(() => this.baseUrl);
  private readonly models: {
    chat: Set<string>;
    image: Set<string>;
    video: Set<string>;
    interactions: Set<string>;
  };
  private readonly omni = new OmniInteractions(() => this.models.interactions);
  private readonly imageScale: number;
  reply: (prompt: string) => string;

  private constructor(options: GeminiFakeOptions) {
    this.apiKey = options.apiKey ?? 'fake-gemini-key';
    this.models = {
      chat: new Set(
        options.chatModels ?? [
          'gemini-2.5-flash',
          'gemini-2.5-pro',
          'gemini-3.5-flash',
          'gemini-3.1-pro-preview',
        ],
      ),
      image: new Set(
        options.imageModels ?? ['gemini-2.5-flash-image', 'gemini-3.1-flash-image', 'gemini-3-pro-image'],
      ),
      video: new Set(
        options.videoModels ?? [
          'veo-3.1-generate-001',
          'veo-3.1-generate-preview',
          'veo-3.1-fast-generate-001',
          'veo-3.0-generate-001',
        ],
      ),
      interactions: new Set(options.interactionModels ?? ['gemini-omni-1.2-flash']),
    };
    this.reply = options.reply ?? ((prompt) => `echo: ${prompt}`);
    this.imageScale = options.imageScale ?? 8;
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendGoogleError(response, 500, 'INTERNAL', String(error));
        else response.destroy();
      });
    });
  }

  static async start(options: GeminiFakeOptions = {}): Promise<GeminiFake> {
    const fake = new GeminiFake(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues faults; each API call (not file downloads) takes the next one. */
  injectFaults(...faults: FakeFault[]): void {
    this.faults.push(...faults);
  }

  /** Shuts a model down: calls to it answer 404 and `models.list` no longer lists it. */
  shutDown(model: string): void {
    for (const kind of Object.values(this.models)) kind.delete(model);
  }

  /** Every running Veo operation reaches its end: success, or the failure `failNext` gave it. */
  async completeAll(): Promise<void> {
    this.veo.completeAll();
    this.omni.completeAll();
  }

  /** The next Veo operation started will end in an error (or a safety filter, with `'filtered'`). */
  failNext(outcome: 'failed' | 'filtered' = 'failed'): void {
    this.veo.failNext(outcome);
    this.omni.failNext();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const text = await readBody(request);
    const apiKey = headerValue(request, 'x-goog-api-key');
    const api = apiPath.exec(url.pathname);
    const operation = operationPath.exec(url.pathname);
    const file = filePath.exec(url.pathname);
    const list = listPath.exec(url.pathname);
    const interactions = interactionsPath.exec(url.pathname);
    const action =
      api?.[3] ??
      (operation
        ? 'getOperation'
        : file
          ? 'download'
          : list
            ? 'listModels'
            : interactions
              ? interactions[2] === undefined
                ? 'createInteraction'
                : 'getInteraction'
              : 'unknown');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return sendGoogleError(response, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    this.requests.push({
      method: request.method ?? '',
      path: url.pathname + url.search,
      apiVersion: (api ?? operation ?? file ?? list ?? interactions)?.[1],
      model: api?.[2] ?? operation?.[2] ?? (isModelBody(body) ? body.model : undefined),
      action,
      apiKey,
      body,
    });
    if (!this.authorised(apiKey, response)) return;
    if (file && request.method === 'GET') return this.veo.download(file[2] ?? '', url, response);
    const fault = this.faults.shift();
    if (fault?.kind === 'slow') await delay(fault.delayMs, request);
    if (fault && this.answerFault(fault, response)) return;
    if (api && request.method === 'POST') return this.handleModelCall(api, url, body, fault, response);
    if (operation && request.method === 'GET') return this.veo.get(operation[3] ?? '', response);
    if (list && request.method === 'GET') return this.listModels(url, response);
    if (interactions && interactions[2] === undefined && request.method === 'POST')
      return this.omni.create(body, fault, response);
    if (interactions?.[2] !== undefined && request.method === 'GET')
      return this.omni.get(interactions[2], response);
    sendGoogleError(
      response,
      404,
      'NOT_FOUND',
      `The requested URL ${url.pathname} was not found on this server.`,
    );
  }

  private authorised(apiKey: string | undefined, response: ServerResponse): boolean {
    if (apiKey === undefined) {
      sendGoogleError(response, 403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers.");
      return false;
    }
    if (apiKey !== this.apiKey) {
      // What the real API answers for a wrong key: 400 with reason API_KEY_INVALID.
      sendGoogleError(response, 400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ]);
      return false;
    }
    return true;
  }

  /** Answers throttling, 5xx and malformed faults; returns false for faults the call itself must honour. */
  private answerFault(fault: FakeFault, response: ServerResponse): boolean {
    if (fault.kind === 'throttle') {
      sendGoogleError(response, 429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).');
      return true;
    }
    if (fault.kind === 'server-error') {
      const status = fault.status ?? 503;
      sendGoogleError(
        response,
        status,
        status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
        'The model is overloaded.',
      );
      return true;
    }
    return false;
  }

  private handleModelCall(
    match: RegExpExecArray,
    url: URL,
    body: unknown,
    fault: FakeFault | undefined,
    response: ServerResponse,
  ): void {
    const [, , model = '', action] = match;
    const kind = this.models.chat.has(model)
      ? 'chat'
      : this.models.image.has(model)
        ? 'image'
        : this.models.video.has(model)
          ? 'video'
          : undefined;
    if (!kind) {
      sendGoogleError(
        response,
        404,
        'NOT_FOUND',
        `models/${model} is not found for API version v1beta, or is not supported for ${action}.`,
      );
      return;
    }
    if (action === 'predictLongRunning') {
      if (kind !== 'video') {
        sendGoogleError(response, 400, 'INVALID_ARGUMENT', `${model} cannot generate videos`);
        return;
      }
      this.veo.start(model, body, fault, response);
      return;
    }
    if (kind === 'video') {
      sendGoogleError(response, 400, 'INVALID_ARGUMENT', `${model} only supports predictLongRunning`);
      return;
    }
    const streaming = action === 'streamGenerateContent';
    if (streaming && url.searchParams.get('alt') !== 'sse') {
      sendGoogleError(response, 400, 'INVALID_ARGUMENT', 'this fake only streams with alt=sse');
      return;
    }
    answerGenerateContent(response, {
      model,
      kind,
      body,
      streaming,
      malformed: fault?.kind === 'malformed',
      blocked: fault?.kind === 'blocked' ? (fault.reason ?? 'IMAGE_SAFETY') : undefined,
      reply: this.reply,
      image: (aspectRatio) => this.image(aspectRatio),
    });
  }

  /** models.list: `{models, nextPageToken}`, paged by `pageSize` (default 50, at most 1000) and `pageToken`. */
  private listModels(url: URL, response: ServerResponse): void {
    const size = Number(url.searchParams.get('pageSize') ?? 50);
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      sendGoogleError(response, 400, 'INVALID_ARGUMENT', 'page_size must be between 1 and 1000');
      return;
    }
    const all = [
      ...[...this.models.chat].map((id) => ({ id, methods: ['generateContent', 'countTokens'] })),
      ...[...this.models.image].map((id) => ({ id, methods: ['generateContent'] })),
      ...[...this.models.video].map((id) => ({ id, methods: ['predictLongRunning'] })),
      // Which methods the real list names for Omni is not known here; the sync reads names only.
      ...[...this.models.interactions].map((id) => ({ id, methods: ['generateContent'] })),
    ].sort((a, b) => a.id.localeCompare(b.id));
    const start = Number(url.searchParams.get('pageToken') ?? 0);
    const page = all.slice(start, start + size);
    sendJson(response, 200, {
      models: page.map(({ id, methods }) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: methods,
      })),
      ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}),
    });
  }

  private image(aspectRatio: string | undefined): Buffer {
    const ratio = aspectRatio && geminiImageAspectRatios.includes(aspectRatio) ? aspectRatio : '1:1';
    const [width, height] = geminiImageSizes[ratio] ?? [1024, 1024];
    return encodePng(Math.round(width / this.imageScale), Math.round(height / this.imageScale));
  }

  /** The user prompt of a recorded generateContent body, for assertions. */
  static promptOf(request: RecordedGeminiRequest): string {
    return promptText(request.body);
  }
}

function isModelBody(body: unknown): body is { model: string } {
  return typeof body === 'object' && body !== null && typeof (body as { model?: unknown }).model === 'string';
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
