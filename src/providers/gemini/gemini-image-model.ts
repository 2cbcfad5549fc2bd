import type { GoogleGenAI } from '@google/genai';
import type { GeneratedImage, ImageModel, ImageRequest } from '../image-model.js';
import { mapGeminiError } from './gemini-errors.js';
import { buildGeminiImageRequest, parseGeminiImageResponse } from './gemini-image-request.js';

export interface GeminiImageModelOptions {
  client: GoogleGenAI;
  catalogueId: string;
  providerModelId: string;
}

/** Gemini native image generation (`generateContent` with the IMAGE modality), one call per image. */
export class GeminiImageModel implements ImageModel {
  readonly provider = 'gemini';
  readonly modelId: string;
  private readonly client: GoogleGenAI;
  private readonly providerModelId: string;

  constructor(options: GeminiImageModelOptions) {
    this.client = options.client;
    this.modelId = options.catalogueId;
    this.providerModelId = options.providerModelId;
  }

  async generate(request: ImageRequest): Promise<GeneratedImage[]> {
    // Calls run side by side; the first failure cancels the others, whose work would be wasted.
    const siblings = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, siblings.signal]) : siblings.signal;
    const calls = Array.from({ length: request.count }, (_, index) =>
      this.generateOne({
        ...request,
        signal,
        // A fixed seed would give `count` identical images.
        ...(request.seed !== undefined ? { seed: request.seed + index } : {}),
      }),
    );
    try {
      return await Promise.all(calls);
    } catch (error) {
      siblings.abort();
      await Promise.allSettled(calls);
      throw error;
    }
  }

  private async generateOne(request: ImageRequest): Promise<GeneratedImage> {
    let response: Awaited<ReturnType<GoogleGenAI['models']['generateContent']>>;
    try {
      response = await this.client.models.generateContent(
        buildGeminiImageRequest(this.providerModelId, request),
      );
    } catch (error) {
      throw mapGeminiError(error, request.signal);
    }
    return parseGeminiImageResponse(response);
  }
}
