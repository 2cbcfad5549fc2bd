import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';

/** StartAsyncInvoke / GetAsyncInvoke for Nova Reel, writing `output.mp4` into the S3 stand-in. */
const videoConfig = (duration: z.ZodType<number>) =>
  z
    .object({
      durationSeconds: duration,
      fps: z.literal(24),
      dimension: z.literal('1280x720'),
      seed: z.number().int().min(0).max(2_147_483_646).optional(),
    })
    .strict();

const novaReelInputSchema = z.discriminatedUnion('taskType', [
  z
    .object({
      taskType: z.literal('TEXT_VIDEO'),
      textToVideoParams: z
        .object({
          text: z.string().min(1).max(512),
          images: z
            .array(
              z
                .object({
                  format: z.enum(['png', 'jpeg']),
                  source: z.object({ bytes: z.string().min(1) }).strict(),
                })
                .strict(),
            )
            .max(1)
            .optional(),
        })
        .strict(),
      videoGenerationConfig: videoConfig(z.literal(6)),
    })
    .strict(),
  z
    .object({
      taskType: z.literal('MULTI_SHOT_AUTOMATED'),
      multiShotAutomatedParams: z.object({ text: z.string().min(1).max(4000) }).strict(),
      videoGenerationConfig: videoConfig(
        z
          .number()
          .int()
          .min(12)
          .max(120)
          .refine((value) => value % 6 === 0, 'must be a multiple of 6'),
      ),
    })
    .strict(),
]);

export const startAsyncInvokeSchema = z
  .object({
    modelId: z.string().min(1),
    modelInput: novaReelInputSchema,
    outputDataConfig: z
      .object({
        s3OutputDataConfig: z
          .object({
            s3Uri: z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]+[a-z0-9](\/.*)?$/),
            kmsKeyId: z.string().optional(),
            bucketOwner: z.string().optional(),
          })
          .strict(),
      })
      .strict(),
    clientRequestToken: z.string().min(1).max(256).optional(),
    tags: z.array(z.object({ key: z.string(), value: z.string() }).strict()).optional(),
  })
  .strict();

interface Job {
  arn: string;
  modelId: string;
  token: string;
  status: 'InProgress' | 'Completed' | 'Failed';
  fail: boolean;
  folderUri: string;
  submitTime: number;
  endTime: number | undefined;
  failureMessage: string | undefined;
}

/** A small but real MP4 header (`ftyp` then `mdat`) carrying a tag, so different jobs differ. */
export function fakeMp4(tag: string): Uint8Array {
  const ftyp = Buffer.from('00000018667479706d703432000000006d70343269736f6d', 'hex');
  const payload = Buffer.from(`fake video ${tag}`, 'utf8');
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(8 + payload.length, 0);
  mdatHeader.write('mdat', 4, 'latin1');
  return new Uint8Array(Buffer.concat([ftyp, mdatHeader, payload]));
}

export class AsyncInvokeJobs {
  readonly #jobs = new Map<string, Job>();
  readonly #byToken = new Map<string, string>();
  #failNext = false;

  constructor(
    private readonly region: string,
    private readonly s3: S3Client | undefined,
  ) {}

  failNext(): void {
    this.#failNext = true;
  }

  /** Starts a job (idempotent on the client request token, as Bedrock is) and returns its ARN. */
  start(body: z.infer<typeof startAsyncInvokeSchema>): string {
    const token = body.clientRequestToken ?? randomUUID();
    const known = this.#byToken.get(token);
    if (known !== undefined) return known;
    const id = randomUUID().replace(/-/g, '').slice(0, 12);
    const arn = `arn:aws:bedrock:${this.region}:123456789012:async-invoke/${id}`;
    const folderUri = `${body.outputDataConfig.s3OutputDataConfig.s3Uri.replace(/\/+$/, '')}/${id}`;
    this.#jobs.set(arn, {
      arn,
      modelId: body.modelId,
      token,
      status: 'InProgress',
      fail: this.#failNext,
      folderUri,
      submitTime: Date.now(),
      endTime: undefined,
      failureMessage: undefined,
    });
    this.#failNext = false;
    this.#byToken.set(token, arn);
    return arn;
  }

  /** GetAsyncInvoke's JSON answer, or undefined for an unknown ARN. */
  describe(arn: string): unknown {
    const job = this.#jobs.get(arn);
    if (job === undefined) return undefined;
    return {
      invocationArn: job.arn,
      modelArn: `arn:aws:bedrock:${this.region}::foundation-model/${job.modelId}`,
      clientRequestToken: job.token,
      status: job.status,
      ...(job.failureMessage === undefined ? {} : { failureMessage: job.failureMessage }),
      // Bedrock's model marks these as RFC 3339 date-times (the SDK refuses epoch numbers).
      submitTime: new Date(job.submitTime).toISOString(),
      lastModifiedTime: new Date(job.endTime ?? job.submitTime).toISOString(),
      ...(job.endTime === undefined ? {} : { endTime: new Date(job.endTime).toISOString() }),
      outputDataConfig: { s3OutputDataConfig: { s3Uri: job.folderUri } },
    };
  }

  /** Ends every running job: writes `output.mp4` into S3, or marks it failed if it was told to fail. */
  async completeAll(): Promise<void> {
    for (const job of this.#jobs.values()) {
      if (job.status !== 'InProgress') continue;
      if (job.fail) {
        job.failureMessage = 'The video could not be generated: content policy (stand-in)';
        job.status = 'Failed';
      } else {
        await this.#writeVideo(job);
        job.status = 'Completed';
      }
      job.endTime = Date.now();
    }
  }

  async #writeVideo(job: Job): Promise<void> {
    if (this.s3 === undefined)
      throw new Error('the Bedrock stand-in needs an S3 client to finish async jobs');
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(`${job.folderUri}/output.mp4`);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: match?.[1],
        Key: match?.[2],
        Body: fakeMp4(job.arn),
        ContentType: 'video/mp4',
      }),
    );
  }
}
