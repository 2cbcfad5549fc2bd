import type { AspectRatio } from './image-model.js';

/** The video port: start returns an operation; status is polled until a terminal state. */
export interface VideoRequest {
  prompt: string;
  durationSeconds: number;
  aspectRatio: AspectRatio;
  /** Optional first frame. */
  image?: { bytes: Uint8Array; mimeType: string };
  seed?: number;
  signal?: AbortSignal;
}

/** JSON-serialisable: stored in `generation_jobs.operation` so any worker can resume polling. */
export interface VideoOperation {
  provider: string;
  modelId: string;
  /** Vendor handle: invocation ARN, output location, operation name. */
  id: string;
  data: Record<string, string | number | boolean | null>;
}

export type VideoStatus =
  | { state: 'running'; progress: number | undefined }
  | {
      state: 'succeeded';
      video: { bytes: Uint8Array; mimeType: string; durationSeconds: number | undefined };
    }
  | { state: 'failed'; error: { code: string; message: string } };

export interface VideoModel {
  readonly provider: string;
  readonly modelId: string;
  start(request: VideoRequest): Promise<VideoOperation>;
  status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus>;
}
