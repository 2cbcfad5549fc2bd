import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import type { GeneratedImage, ImageModel, ImageRequest } from '../image-model.js';
import { toBedrockError } from './bedrock-errors.js';
import { buildNovaCanvasRequest, parseNovaCanvasResponse } from './nova-canvas-request.js';

export interface BedrockImageModelOptions {
  client: BedrockRuntimeClient;
  catalogueId: string;
  providerModelId: string;
}

/** Amazon Nova Canvas text-to-image through InvokeModel: one call returns up to five images. */
export class NovaCanvasImageModel implements ImageModel {
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
    const body = buildNovaCanvasRequest(request);
    let answer: Uint8Array;
    try {
      const response = await this.#client.send(
        new InvokeModelCommand({
          modelId: this.#providerModelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(body),
        }),
        request.signal === undefined ? {} : { abortSignal: request.signal },
      );
      answer = response.body;
    } catch (error) {
      throw toBedrockError(error, request.signal);
    }
    return parseNovaCanvasResponse(answer, request.count);
  }
}
