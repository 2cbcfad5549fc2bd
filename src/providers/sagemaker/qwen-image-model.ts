import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import type { GeneratedImage, ImageModel, ImageRequest } from '../image-model.js';
import { buildQwenImageRequest, parseQwenImageResponse } from './qwen-image-request.js';
import { toSageMakerError } from './sagemaker-errors.js';

export interface QwenImageModelOptions {
  client: SageMakerRuntimeClient;
  endpointName: string;
  catalogueId: string;
}

/** Qwen-Image on a real-time SageMaker endpoint (InvokeEndpoint, JSON in, image bytes or base64 out). */
export class QwenImageModel implements ImageModel {
  readonly provider = 'sagemaker';
  readonly modelId: string;
  readonly #client: SageMakerRuntimeClient;
  readonly #endpointName: string;

  constructor(options: QwenImageModelOptions) {
    this.modelId = options.catalogueId;
    this.#client = options.client;
    this.#endpointName = options.endpointName;
  }

  async generate(request: ImageRequest): Promise<GeneratedImage[]> {
    const body = buildQwenImageRequest(request);
    let answer: { body: Uint8Array; contentType: string | undefined };
    try {
      const response = await this.#client.send(
        new InvokeEndpointCommand({
          EndpointName: this.#endpointName,
          ContentType: 'application/json',
          Accept: 'application/json, image/png, image/jpeg, image/webp',
          Body: JSON.stringify(body),
        }),
        request.signal === undefined ? {} : { abortSignal: request.signal },
      );
      answer = { body: response.Body ?? new Uint8Array(), contentType: response.ContentType };
    } catch (error) {
      throw toSageMakerError(error, request.signal);
    }
    return parseQwenImageResponse(answer.body, answer.contentType, request.count);
  }
}
