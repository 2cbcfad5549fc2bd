import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { GetAsyncInvokeCommand, StartAsyncInvokeCommand } from '@aws-sdk/client-bedrock-runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import { AppError } from '../../errors/app-error.js';
import { malformedAnswer } from '../aws/provider-images.js';
import { isMp4 } from '../aws/provider-videos.js';
import { parseS3Uri, readS3ObjectIfPresent } from '../aws/s3-location.js';
import type { VideoModel, VideoOperation, VideoRequest, VideoStatus } from '../video-model.js';
import { toBedrockError } from './bedrock-errors.js';
import { buildNovaReelInput, readNovaReelJob } from './nova-reel-request.js';

export interface NovaReelVideoModelOptions {
  client: BedrockRuntimeClient;
  s3: S3Client;
  catalogueId: string;
  providerModelId: string;
  /** `s3://bucket/prefix` Bedrock writes into; it adds one folder per invocation. */
  outputS3Uri: string;
}

function sendOptions(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}

/** Amazon Nova Reel through StartAsyncInvoke / GetAsyncInvoke; the video lands in S3. */
export class NovaReelVideoModel implements VideoModel {
  readonly provider = 'bedrock';
  readonly modelId: string;
  readonly #options: NovaReelVideoModelOptions;

  constructor(options: NovaReelVideoModelOptions) {
    if (parseS3Uri(options.outputS3Uri) === undefined) {
      throw new AppError('CONFIG_ERROR', 'BEDROCK_VIDEO_OUTPUT_S3_URI must be an s3://bucket/prefix URI');
    }
    this.modelId = options.catalogueId;
    this.#options = options;
  }

  async start(request: VideoRequest): Promise<VideoOperation> {
    const modelInput = buildNovaReelInput(request);
    let invocationArn: string | undefined;
    try {
      const answer = await this.#options.client.send(
        new StartAsyncInvokeCommand({
          modelId: this.#options.providerModelId,
          modelInput,
          outputDataConfig: { s3OutputDataConfig: { s3Uri: this.#options.outputS3Uri } },
        }),
        sendOptions(request.signal),
      );
      invocationArn = answer.invocationArn;
    } catch (error) {
      throw toBedrockError(error, request.signal);
    }
    if (!invocationArn) throw malformedAnswer('bedrock', 'StartAsyncInvoke gave no invocation ARN');
    return {
      provider: this.provider,
      modelId: this.modelId,
      id: invocationArn,
      data: { durationSeconds: modelInput.videoGenerationConfig.durationSeconds },
    };
  }

  async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
    let answer: unknown;
    try {
      answer = await this.#options.client.send(
        new GetAsyncInvokeCommand({ invocationArn: operation.id }),
        sendOptions(signal),
      );
    } catch (error) {
      throw toBedrockError(error, signal);
    }
    const job = readNovaReelJob(answer);
    if (job === undefined) throw malformedAnswer('bedrock', 'GetAsyncInvoke answer of the wrong shape');
    if (job.kind === 'running') return { state: 'running', progress: undefined };
    if (job.kind === 'failed')
      return { state: 'failed', error: { code: 'PROVIDER_ERROR', message: job.message } };
    return this.#readVideo(job.videoUri, operation, signal);
  }

  async #readVideo(
    videoUri: string,
    operation: VideoOperation,
    signal: AbortSignal | undefined,
  ): Promise<VideoStatus> {
    const location = parseS3Uri(videoUri);
    if (location === undefined)
      throw malformedAnswer('bedrock', 'GetAsyncInvoke gave an output that is not an S3 URI');
    let object: Awaited<ReturnType<typeof readS3ObjectIfPresent>>;
    try {
      object = await readS3ObjectIfPresent(this.#options.s3, location, signal);
    } catch (error) {
      throw toBedrockError(error, signal);
    }
    // Completed but not visible yet: not terminal, ask again later.
    if (object === undefined) {
      throw new AppError('UNAVAILABLE', 'bedrock: the finished video is not readable in S3 yet', {
        retryable: true,
      });
    }
    if (!isMp4(object.bytes)) {
      return {
        state: 'failed',
        error: { code: 'PROVIDER_ERROR', message: 'bedrock: nova-reel output is not an MP4' },
      };
    }
    const duration = operation.data.durationSeconds;
    return {
      state: 'succeeded',
      video: {
        bytes: object.bytes,
        mimeType: 'video/mp4',
        durationSeconds: typeof duration === 'number' ? duration : undefined,
      },
    };
  }
}
