import type { GoogleGenAI } from '@google/genai';
import { mapVendorFailure } from '../provider-error.js';
import type { VideoModel, VideoOperation, VideoRequest, VideoStatus } from '../video-model.js';
import { mapGeminiError } from './gemini-errors.js';
import { buildOmniRequest, parseOmniInteraction } from './omni-request.js';

export interface OmniVideoModelOptions {
  client: GoogleGenAI;
  catalogueId: string;
  providerModelId: string;
}

/** The Interactions client retries 429/5xx four times by default; retries live in the resilience layer. */
const noRetries = { retries: { strategy: 'none' as const } };

function requestOptions(signal: AbortSignal | undefined) {
  return signal ? { ...noRetries, fetch_options: { signal } } : noRetries;
}

/**
 * Gemini Omni Flash through the Interactions API: `interactions.create` in the background
 * (POST /v1beta/interactions), then `interactions.get` (GET /v1beta/interactions/{id}) until the
 * interaction completes with an inline video.
 */
export class OmniVideoModel implements VideoModel {
  readonly provider = 'gemini';
  readonly modelId: string;
  private readonly client: GoogleGenAI;
  private readonly providerModelId: string;

  constructor(options: OmniVideoModelOptions) {
    this.client = options.client;
    this.modelId = options.catalogueId;
    this.providerModelId = options.providerModelId;
  }

  async start(request: VideoRequest): Promise<VideoOperation> {
    const body = buildOmniRequest(this.providerModelId, request);
    let interaction: { id?: string | undefined };
    try {
      interaction = await this.client.interactions.create(body, requestOptions(request.signal));
    } catch (error) {
      throw mapGeminiError(error, request.signal);
    }
    if (!interaction.id) {
      throw mapVendorFailure({
        provider: 'gemini',
        status: undefined,
        vendorCode: 'MALFORMED_RESPONSE',
        message: 'interactions.create returned no interaction id',
      });
    }
    return {
      provider: this.provider,
      modelId: this.modelId,
      id: interaction.id,
      data: { durationSeconds: request.durationSeconds, aspectRatio: request.aspectRatio },
    };
  }

  async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
    let interaction: Parameters<typeof parseOmniInteraction>[0];
    try {
      interaction = await this.client.interactions.get(operation.id, {}, requestOptions(signal));
    } catch (error) {
      throw mapGeminiError(error, signal);
    }
    const outcome = parseOmniInteraction(interaction);
    if (outcome.state === 'running') return { state: 'running', progress: undefined };
    if (outcome.state === 'failed')
      return {
        state: 'failed',
        error: { code: 'PROVIDER_ERROR', message: `Gemini Omni: ${outcome.message}` },
      };
    const durationSeconds =
      typeof operation.data.durationSeconds === 'number' ? operation.data.durationSeconds : undefined;
    return {
      state: 'succeeded',
      video: { bytes: outcome.bytes, mimeType: outcome.mimeType, durationSeconds },
    };
  }
}
