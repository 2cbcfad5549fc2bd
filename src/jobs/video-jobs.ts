import type { Services } from '../app/services.js';
import { type AssetView, viewAsset } from '../assets/asset-view.js';
import { storeAsset } from '../assets/store-asset.js';
import { videoCost } from '../credits/prices.js';
import { findOwnedAsset } from '../db/repositories/assets.js';
import { findOwnedJob, leaseJob, updateRunningJob } from '../db/repositories/jobs.js';
import type { Job } from '../db/tables.js';
import { AppError, toAppError } from '../errors/app-error.js';
import { findModel } from '../providers/catalogue.js';
import type { VideoOperation, VideoStatus } from '../providers/video-model.js';

/** How often a running job is asked about, and how long one poll may hold the job. */
export const jobPolicy = { pollEverySeconds: 5, leaseSeconds: 60, maxAgeSeconds: 2 * 60 * 60 };

export interface JobView {
  jobId: string;
  status: Job['status'];
  progress: number;
  assets: AssetView[];
  error: string | null;
  creditsCharged: number;
}

interface JobInput {
  prompt: string;
  durationSeconds: number;
}

function parse<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

async function succeed(
  services: Services,
  job: Job,
  status: Extract<VideoStatus, { state: 'succeeded' }>,
): Promise<void> {
  const input = parse<JobInput>(job.input);
  const storage = await services.storage();
  const asset = await storeAsset(services.db, storage, {
    userId: job.user_id,
    kind: 'video',
    bytes: status.video.bytes,
    mimeType: status.video.mimeType,
    provider: job.provider,
    modelId: job.model_id,
    prompt: input.prompt,
    jobId: job.id,
    ...(status.video.durationSeconds === undefined ? {} : { durationSeconds: status.video.durationSeconds }),
  });
  let charged = 0;
  if (job.reservation_id !== null) {
    const price = findModel(job.model_id)?.price;
    const seconds = Math.min(status.video.durationSeconds ?? input.durationSeconds, input.durationSeconds);
    const wanted = price?.unit === 'video-second' ? videoCost(price, seconds) : 0;
    try {
      charged = Math.abs(
        (await services.ledger.capture({ reservationId: job.reservation_id, amount: wanted })).amount,
      );
    } catch (error) {
      // The hold expired before the video arrived: deliver it, charge nothing, say so.
      services.logger.warn(
        { err: error, jobId: job.id },
        'video hold could not be captured; delivered uncharged',
      );
    }
  }
  await updateRunningJob(services.db, job.id, {
    status: 'succeeded',
    progress: 1,
    result: { assetIds: [asset.id] },
    creditsCharged: charged,
  });
}

async function fail(services: Services, job: Job, message: string): Promise<void> {
  if (job.reservation_id !== null) await services.ledger.release(job.reservation_id).catch(() => undefined);
  await updateRunningJob(services.db, job.id, { status: 'failed', error: message });
}

/**
 * Asks the provider about one job and moves it on: running → progress; succeeded → the video
 * is stored and the hold captured; failed → the hold released. Exactly one caller polls at a time.
 */
export async function advanceVideoJob(services: Services, jobId: string, now = new Date()): Promise<void> {
  const job = await leaseJob(services.db, jobId, now, later(now, jobPolicy.leaseSeconds));
  if (job === undefined) return;
  if (now.getTime() - new Date(job.created_at).getTime() > jobPolicy.maxAgeSeconds * 1000) {
    await fail(
      services,
      job,
      `TIMEOUT: the provider did not finish within ${jobPolicy.maxAgeSeconds / 3600} h`,
    );
    return;
  }
  let status: VideoStatus;
  try {
    const model = await (await services.registry()).video(job.model_id);
    status = await model.status(parse<VideoOperation>(job.operation));
  } catch (error) {
    const appError = toAppError(error);
    if (appError.retryable) {
      await updateRunningJob(services.db, job.id, {
        status: 'running',
        nextPollAt: later(now, jobPolicy.pollEverySeconds * 2),
      });
      return;
    }
    await fail(services, job, `${appError.code}: ${appError.message}`);
    return;
  }
  if (status.state === 'running') {
    await updateRunningJob(services.db, job.id, {
      status: 'running',
      ...(status.progress === undefined ? {} : { progress: Math.min(0.99, Math.max(0, status.progress)) }),
      nextPollAt: later(now, jobPolicy.pollEverySeconds),
    });
  } else if (status.state === 'succeeded') {
    await succeed(services, job, status);
  } else {
    await fail(services, job, `${status.error.code}: ${status.error.message}`);
  }
}

export async function viewJob(services: Services, job: Job): Promise<JobView> {
  const assetIds = job.result === null ? [] : (parse<{ assetIds?: string[] }>(job.result).assetIds ?? []);
  const storage = await services.storage();
  const assets: AssetView[] = [];
  for (const id of assetIds) {
    const asset = await findOwnedAsset(services.db, job.user_id, id);
    if (asset !== undefined) assets.push(await viewAsset(storage, asset));
  }
  return {
    jobId: job.id,
    status: job.status,
    progress: job.status === 'succeeded' ? 1 : job.progress,
    assets,
    error: job.error,
    creditsCharged: job.credits_charged,
  };
}

/** One user's job, advanced first when a poll is due, so a polling client never waits on the worker. */
export async function readJob(services: Services, userId: string, jobId: string): Promise<JobView> {
  const found = await findOwnedJob(services.db, userId, jobId);
  if (found === undefined) throw new AppError('NOT_FOUND', `jobId: no job ${jobId}`);
  await advanceVideoJob(services, found.id);
  return viewJob(services, (await findOwnedJob(services.db, userId, jobId)) ?? found);
}
