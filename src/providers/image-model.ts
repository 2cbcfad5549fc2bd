/** The image port. Adapters (SageMaker, Bedrock, Gemini) implement it; callers never see vendor types. */
export const aspectRatios = ['1:1', '4:5', '9:16', '16:9', '1.91:1'] as const;
export type AspectRatio = (typeof aspectRatios)[number];

export interface ImageRequest {
  prompt: string;
  negativePrompt?: string;
  aspectRatio: AspectRatio;
  count: number;
  seed?: number;
  signal?: AbortSignal;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  mimeType: string;
  width: number;
  height: number;
}

export interface ImageModel {
  readonly provider: string;
  /** Catalogue id, e.g. `qwen-image`. */
  readonly modelId: string;
  generate(request: ImageRequest): Promise<GeneratedImage[]>;
}
