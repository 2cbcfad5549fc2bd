import type { S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { fakeMp4 } from './bedrock-fake-async.js';
import { base64Png } from './bedrock-fake-images.js';
import { type AwsFault, faultAnswer } from './bedrock-fault-queue.js';
import { issuesOf, qwenImageBodySchema } from './sagemaker-fake-bodies.js';

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

export function s3Parts(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]+[a-z0-9])\/(.+)$/.exec(uri);
  return match === null ? undefined : { bucket: match[1] ?? '', key: match[2] ?? '' };
}

export function awsError(
  status: number,
  errorType: string,
  message: string,
  extra: Record<string, unknown> = {},
): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': errorType },
    body: JSON.stringify({ message, ...extra }),
  };
}

/** SageMaker's names for the shared faults. */
export function sageMakerFault(fault: AwsFault): Answer | undefined {
  if (fault.kind === 'model-error') {
    return awsError(424, 'ModelError', 'Received server error from primary with message "boom".', {
      OriginalStatusCode: fault.originalStatus,
      OriginalMessage: 'boom',
    });
  }
  const answer = faultAnswer(fault);
  if (answer === undefined) return undefined;
  if (answer.status === 500) return awsError(500, 'InternalFailure', answer.message);
  if (answer.status === 503) return awsError(503, 'ServiceUnavailable', answer.message);
  return awsError(answer.status, answer.errorType, answer.message);
}

/** The stand-in's Qwen-Image container: its JSON contract, answered in the configured style. */
export function answerImageContainer(
  contentType: string | undefined,
  parsed: unknown,
  style: 'images' | 'generated_images' | 'raw',
  malformed: boolean,
): Answer {
  if (contentType !== 'application/json') {
    return awsError(424, 'ModelError', 'The container expects application/json.', {
      OriginalStatusCode: 415,
    });
  }
  const image = qwenImageBodySchema.safeParse(parsed);
  if (!image.success) {
    return awsError(424, 'ModelError', 'Received client error (400) from primary.', {
      OriginalStatusCode: 400,
      OriginalMessage: issuesOf(image.error),
    });
  }
  const png = base64Png(image.data.width, image.data.height);
  if (style === 'raw') {
    if (image.data.num_images !== 1) {
      return awsError(424, 'ModelError', 'Raw answers hold one image.', { OriginalStatusCode: 400 });
    }
    const bytes = malformed ? Buffer.from('not an image at all') : Buffer.from(png, 'base64');
    return { status: 200, headers: { 'content-type': 'image/png' }, body: bytes };
  }
  const images = Array.from({ length: image.data.num_images }, () => (malformed ? '%%%' : png));
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ [style]: images }),
  };
}

export interface PendingJob {
  id: string;
  output: { bucket: string; key: string };
  failure: { bucket: string; key: string };
  /** Set when the container will fail: told to, or the input was invalid. */
  failMessage: string | undefined;
}

/** What the container leaves in S3 when a job ends: the output (raw MP4 or JSON) or a failure object. */
export async function writeJobResult(s3: S3Client, job: PendingJob, style: 'raw' | 'json'): Promise<void> {
  if (job.failMessage !== undefined) {
    await s3.send(
      new PutObjectCommand({
        Bucket: job.failure.bucket,
        Key: job.failure.key,
        Body: job.failMessage,
        ContentType: 'text/plain',
      }),
    );
    return;
  }
  const mp4 = fakeMp4(job.id);
  await s3.send(
    new PutObjectCommand({
      Bucket: job.output.bucket,
      Key: job.output.key,
      Body: style === 'json' ? JSON.stringify({ video: Buffer.from(mp4).toString('base64') }) : mp4,
      ContentType: style === 'json' ? 'application/json' : 'video/mp4',
    }),
  );
}
