import { GenerateVideosOperation, type GoogleGenAI } from '@google/genai';
import { AppError } from '../../errors/app-error.js';
import { mapVendorFailure } from '../provider-error.js';
import type { VideoModel, VideoOperation, VideoRequest, VideoStatus } from '../video-model.js';
import { mapGeminiError } from './gemini-errors.js';
import { buildVeoRequest, mayCarryApiKey, parseVeoOperation } from './veo-request.js';

export interface VeoVideoModelOptions {
  client: GoogleGenAI;
  catalogueId: string;
  providerModelId: string;
  /** Sent as `x-goog-api-key` to download the finished video. */
  apiKey: string;
  fetch?: typeof fetch;
}

/** Veo through `generateVideos` (a long-running operation) and `operations.getVideosOperation`. */
export class VeoVideoModel implements VideoModel {
  readonly provider = 'gemini';
  readonly modelId: string;
  private readonly client: GoogleGenAI;
  private readonly providerModelId: string;
  private readonly apiKey: string;
  private readonly fetch: typeof fetch;

  constructor(options: VeoVideoModelOptions) {
    this.client = options.client;
    this.modelId = options.catalogueId;
    this.providerModelId = options.providerModelId;
    this.apiKey = options.apiKey;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async start(request: VideoRequest): Promise<VideoOperation> {
    const parameters = buildVeoRequest(this.providerModelId, request);
    let operation: GenerateVideosOperation;
    try {
      operation = await this.client.models.generateVideos(parameters);
    } catch (error) {
      throw mapGeminiError(error, request.signal);
    }
    if (!operation.name) {
      throw mapVendorFailure({
        provider: 'gemini',
        status: undefined,
        vendorCode: 'MALFORMED_RESPONSE',
        message: 'generateVideos returned no operation name',
      });
    }
    return {
      provider: this.provider,
      modelId: this.modelId,
      id: operation.name,
      data: {
        durationSeconds: parameters.config?.durationSeconds ?? null,
        aspectRatio: parameters.config?.aspectRatio ?? null,
      },
    };
  }

  async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
    // A stored operation is only its name; the SDK needs its own class to poll it.
    const handle = Object.assign(new GenerateVideosOperation(), { name: operation.id });
    let polled: GenerateVideosOperation;
    try {
      polled = await this.client.operations.getVideosOperation({
        operation: handle,
        ...(signal ? { config: { abortSignal: signal } } : {}),
      });
    } catch (error) {
      throw mapGeminiError(error, signal);
    }
    const outcome = parseVeoOperation(polled);
    if (outcome.state === 'running') return { state: 'running', progress: undefined };
    if (outcome.state === 'failed')
      return { state: 'failed', error: { code: 'PROVIDER_ERROR', message: `Veo: ${outcome.message}` } };
    const durationSeconds =
      typeof operation.data.durationSeconds === 'number' ? operation.data.durationSeconds : undefined;
    const bytes = outcome.bytes ?? (await this.download(outcome.uri ?? '', signal));
    return { state: 'succeeded', video: { bytes, mimeType: outcome.mimeType, durationSeconds } };
  }

  /** Download failures are thrown, not reported as a failed job: the video exists and a retry can fetch it. */
  private async download(uri: string, signal?: AbortSignal): Promise<Uint8Array> {
    if (!mayCarryApiKey(uri)) {
      throw new AppError('PROVIDER_ERROR', 'gemini: refusing to send the API key to a non-TLS video URI', {
        retryable: false,
      });
    }
    let response: Response;
    try {
      response = await this.fetch(uri, {
        headers: { 'x-goog-api-key': this.apiKey },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw mapGeminiError(error, signal);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw mapVendorFailure({
        provider: 'gemini',
        status: response.status,
        message: `video download failed: HTTP ${response.status} ${text.slice(0, 200)}`,
      });
    }
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw mapGeminiError(error, signal);
    }
  }
}
