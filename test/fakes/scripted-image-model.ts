import { AppError } from '../../src/errors/app-error.js';
import type {
  AspectRatio,
  GeneratedImage,
  ImageModel,
  ImageRequest,
} from '../../src/providers/image-model.js';
import { encodePng } from './png.js';

/** Small sizes keep the fake fast; each is within 1% of its ratio. */
const sizes: Record<AspectRatio, [number, number]> = {
  '1:1': [64, 64],
  '4:5': [64, 80],
  '9:16': [54, 96],
  '16:9': [96, 54],
  '1.91:1': [96, 50],
};

export interface ScriptedImageModelOptions {
  modelId?: string;
  provider?: string;
  /** Errors thrown by the next calls, in order, before answers resume. */
  failures?: Error[];
}

/** An ImageModel answering real, decodable PNGs of the requested ratio and count. */
export class ScriptedImageModel implements ImageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly requests: ImageRequest[] = [];
  private readonly failures: Error[];

  constructor(options: ScriptedImageModelOptions = {}) {
    this.modelId = options.modelId ?? 'qwen-image';
    this.provider = options.provider ?? 'sagemaker';
    this.failures = [...(options.failures ?? [])];
  }

  async generate(request: ImageRequest): Promise<GeneratedImage[]> {
    this.requests.push(request);
    if (request.signal?.aborted) throw new AppError('CANCELLED', 'the call was cancelled');
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    const [width, height] = sizes[request.aspectRatio];
    return Array.from({ length: request.count }, (_, index) => ({
      bytes: new Uint8Array(encodePng(width, height, [index * 40, 80, 160])),
      mimeType: 'image/png',
      width,
      height,
    }));
  }
}
