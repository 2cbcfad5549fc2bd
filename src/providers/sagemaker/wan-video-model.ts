import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { InvokeEndpointAsyncCommand } from '@aws-sdk/client-sagemaker-runtime';
import { AppError } from '../../errors/app-error.js';
import { malformedAnswer } from '../aws/provider-images.js';
import { joinS3Uri, parseS3Uri, readS3ObjectIfPresent } from '../aws/s3-location.js';
import type { VideoModel, VideoOperation, VideoRequest, VideoStatus } from '../video-model.js';
import { toSageMakerError } from './sagemaker-errors.js';
import { buildWanVideoInput, readWanFailure, readWanOutput, wanLimits } from './wan-video-request.js';

export interface WanVideoModelOptions {
  client: SageMakerRuntimeClient;
  s3: S3Client;
  endpointName: string;
  /** `s3://bucket/prefix` where request inputs are written. */
  asyncS3Uri: string;
  catalogueId: string;
  newId?: () => string;
}

function sendOptions(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}

/** Wan2.2 on an asynchronous SageMaker endpoint: input JSON in S3, output or failure object in S3. */
export class WanVideoModel implements VideoModel {
  readonly provider = 'sagemaker';
  readonly modelId: string;
  readonly #options: WanVideoModelOptions;
  readonly #newId: () => string;

  constructor(options: WanVideoModelOptions) {
    if (parseS3Uri(options.asyncS3Uri) === undefined) {
      throw new AppError('CONFIG_ERROR', 'SAGEMAKER_ASYNC_S3_URI must be an s3://bucket/prefix URI');
    }
    this.modelId = options.catalogueId;
    this.#options = options;
    this.#newId = options.newId ?? randomUUID;
  }

  async start(request: VideoRequest): Promise<VideoOperation> {
    const input = buildWanVideoInput(request);
    const id = this.#newId();
    const inputUri = joinS3Uri(this.#options.asyncS3Uri, `${id}.json`);
    const inputLocation = parseS3Uri(inputUri);
    if (inputLocation === undefined)
      throw new AppError('INTERNAL', 'sagemaker: could not form the input location');
    try {
      await this.#options.s3.send(
        new PutObjectCommand({
          Bucket: inputLocation.bucket,
          Key: inputLocation.key,
          Body: JSON.stringify(input),
          ContentType: 'application/json',
        }),
        sendOptions(request.signal),
      );
      const answer = await this.#options.client.send(
        new InvokeEndpointAsyncCommand({
          EndpointName: this.#options.endpointName,
          InputLocation: inputUri,
          ContentType: 'application/json',
          InferenceId: id,
        }),
        sendOptions(request.signal),
      );
      return this.#operation(answer.OutputLocation, answer.FailureLocation, id, input.num_frames);
    } catch (error) {
      throw toSageMakerError(error, request.signal);
    }
  }

  /** The SDK checks none of the answer: an operation is only made from locations we can read. */
  #operation(
    output: string | undefined,
    failure: string | undefined,
    id: string,
    frames: number,
  ): VideoOperation {
    if (output === undefined || parseS3Uri(output) === undefined) {
      throw malformedAnswer('sagemaker', 'InvokeEndpointAsync gave no S3 output location');
    }
    if (failure !== undefined && parseS3Uri(failure) === undefined) {
      throw malformedAnswer('sagemaker', 'InvokeEndpointAsync gave a failure location that is not an S3 URI');
    }
    return {
      provider: this.provider,
      modelId: this.modelId,
      id: output,
      data: {
        failureLocation: failure ?? null,
        inferenceId: id,
        durationSeconds: (frames - 1) / wanLimits.fps,
      },
    };
  }

  async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
    const outputLocation = parseS3Uri(operation.id);
    if (outputLocation === undefined)
      throw new AppError('INVALID_INPUT', 'sagemaker: the operation has no S3 output location');
    const failureUri = operation.data.failureLocation;
    const failureLocation = typeof failureUri === 'string' ? parseS3Uri(failureUri) : undefined;
    try {
      const output = await readS3ObjectIfPresent(this.#options.s3, outputLocation, signal);
      if (output !== undefined) return this.#succeeded(output.bytes, operation);
      if (failureLocation === undefined) return { state: 'running', progress: undefined };
      const failure = await readS3ObjectIfPresent(this.#options.s3, failureLocation, signal);
      if (failure === undefined) return { state: 'running', progress: undefined };
      return {
        state: 'failed',
        error: { code: 'PROVIDER_ERROR', message: `sagemaker: ${readWanFailure(failure.bytes)}` },
      };
    } catch (error) {
      throw toSageMakerError(error, signal);
    }
  }

  #succeeded(bytes: Uint8Array, operation: VideoOperation): VideoStatus {
    const video = readWanOutput(bytes);
    if (video === undefined) {
      return {
        state: 'failed',
        error: { code: 'PROVIDER_ERROR', message: 'sagemaker: wan2.2 output is not an MP4' },
      };
    }
    const duration = operation.data.durationSeconds;
    return {
      state: 'succeeded',
      video: {
        bytes: video,
        mimeType: 'video/mp4',
        durationSeconds: typeof duration === 'number' ? duration : undefined,
      },
    };
  }
}
