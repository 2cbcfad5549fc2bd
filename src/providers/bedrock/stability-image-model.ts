import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { AppError } from '../../errors/app-error.js';
import type { GeneratedImage, ImageModel, ImageRequest } from '../image-model.js';
import { toBedrockError } from './bedrock-errors.js';
import type { BedrockImageModelOptions } from './nova-canvas-image-model.js';
import { buildStabilityRequest, parseStabilityResponse } from './stability-request.js';

/** Stability AI (Stable Image Core, SD3.5 Large) on Bedrock: one image per InvokeModel call, so a batch loops. */
export class StabilityImageModel implements ImageModel {
  readonly provider = 'bedrock';
  readonly modelId: string;
  readonly #client: BedrockRuntimeClient;
  readonly #providerModelId: string;

  constructor(options: BedrockImageModelOptions) {
    this.modelId = options.catalogueId;
    this.#client = options.client;
    this.#providerModelId = options.providerModelId;
  }

  async generate(request: ImageRequest): Promise<GeneratedImage[]> {
    if (!Number.isInteger(request.count) || request.count < 1) {
      throw new AppError('INVALID_INPUT', 'stability: count must be a positive whole number');
    }
    const bodies = Array.from({ length: request.count }, (_, index) => buildStabilityRequest(request, index));
    const images: GeneratedImage[] = [];
    // One after another: a batch in parallel would hit the per-model quota all at once.
    for (const body of bodies) {
      images.push(parseStabilityResponse(await this.#invoke(body, request.signal)));
    }
    return images;
  }

  async #invoke(body: object, signal: AbortSignal | undefined): Promise<Uint8Array> {
    try {
      const response = await this.#client.send(
        new InvokeModelCommand({
          modelId: this.#providerModelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(body),
        }),
        signal === undefined ? {} : { abortSignal: signal },
      );
      return response.body;
    } catch (error) {
      throw toBedrockError(error, signal);
    }
  }
}
