import { isTransientDatabaseError } from '../credits/database-errors.js';
import { videoCost } from '../credits/prices.js';
import { inTransaction } from '../db/in-transaction.js';
import { revealAssets } from '../db/repositories/assets.js';
import { dueJobIds, findOwnedJob, leaseJob, updateRunningJob } from '../db/repositories/jobs.js';
import type { Job } from '../db/tables.js';
import { AppError, toAppError } from '../errors/app-error.js';
import type { VideoOperation, VideoStatus } from '../providers/video-model.js';
import { withRetry } from '../retry/with-retry.js';
import { type AssetView, viewAsset } from './asset-view.js';
import { findAsset } from './assets.js';
import { type Caller, plainCaller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { isUuid } from './ids.js';
import { discardCallAssets } from './pending-assets.js';
import { storeAsset } from './store-asset.js';

/** How often a running job is asked about, how long one poll may hold it, and when it gives up. */
export const jobPolicy = {
  firstPollSeconds: 2,
  pollEverySeconds: 5,
  leaseSeconds: 60,
  maxAgeSeconds: 2 * 60 * 60,
};

export interface JobView {
  jobId: string;
  status: Job['status'];
  progress: number;
  assets: AssetView[];
  error: string | null;
  creditsCharged: number;
  /** Anything the owner should know about how the job ended (e.g. delivered uncharged). */
  note: string | null;
}

interface JobInput {
  prompt: string;
  durationSeconds: number;
}

function parse<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

class JobEnded extends Error {}

/** A transient database failure becomes a retryable AppError, so the one retry loop tries again. */
async function retryingTransient<T>(work: () => Promise<T>): Promise<T> {
  return withRetry(
    () =>
      work().catch((error: unknown) => {
        if (!isTransientDatabaseError(error)) throw error;
        throw new AppError('UNAVAILABLE', 'the database failed for a moment', {
          cause: error,
          retryable: true,
        });
      }),
    settleRetry,
  );
}

const settleRetry = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * The video is stored hidden, then one transaction captures its price, reveals it and marks the
 * job done, retried on transient failures. If that cannot commit, the job stays running and a
 * later poll delivers it again: a video is never delivered uncharged, unless its hold itself
 * expired, which is logged and said in the job's note.
 */
async function succeed(
  deps: CoreDeps,
  job: Job,
  status: Extract<VideoStatus, { state: 'succeeded' }>,
): Promise<void> {
  const input = parse<JobInput>(job.input);
  const asset = await storeAsset(
    { db: deps.db, storage: await deps.storage(), clock: deps.clock },
    {
      userId: job.user_id,
      kind: 'video',
      bytes: status.video.bytes,
      mimeType: status.video.mimeType,
      provider: job.provider,
      modelId: job.model_id,
      prompt: input.prompt,
      jobId: job.id,
      pendingCall: job.id,
      ...(status.video.durationSeconds === undefined
        ? {}
        : { durationSeconds: status.video.durationSeconds }),
    },
  );
  const price = (await deps.models()).list('video').find((entry) => entry.id === job.model_id)?.price;
  const seconds = Math.min(status.video.durationSeconds ?? input.durationSeconds, input.durationSeconds);
  const wanted = price?.unit === 'video-second' ? videoCost(price, seconds) : 0;
  const reservationId = job.reservation_id;
  try {
    await retryingTransient(() =>
      inTransaction(deps.db, async (trx) => {
        let charged = 0;
        let note: string | undefined;
        if (reservationId !== null) {
          try {
            charged = Math.abs((await deps.ledger.capture({ reservationId, amount: wanted }, trx)).amount);
          } catch (error) {
            if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
            note = 'delivered uncharged: its credit hold had expired before the video was ready';
            deps.logger.warn(
              { err: error, jobId: job.id },
              'video hold expired before capture; delivered uncharged',
            );
          }
        }
        await revealAssets(trx, job.id);
        const moved = await updateRunningJob(
          trx,
          job.id,
          {
            status: 'succeeded',
            progress: 1,
            result: { assetIds: [asset.id], ...(note === undefined ? {} : { note }) },
            creditsCharged: charged,
          },
          deps.clock.now(),
        );
        // Cancelled meanwhile: roll the capture back; the cancel released the hold.
        if (!moved) throw new JobEnded();
      }),
    );
  } catch (error) {
    if (!(error instanceof JobEnded)) {
      deps.logger.error(
        { err: error, jobId: job.id },
        'video could not be settled; a later poll delivers it again',
      );
    }
    await discardCallAssets(deps, job.id).catch(() => undefined);
  }
}

async function finish(
  deps: CoreDeps,
  job: Job,
  status: 'failed' | 'cancelled',
  message: string,
): Promise<boolean> {
  const moved = await updateRunningJob(deps.db, job.id, { status, error: message }, deps.clock.now());
  if (moved && job.reservation_id !== null) {
    await deps.ledger.release(job.reservation_id).catch((error: unknown) => {
      deps.logger.error(
        { err: error, jobId: job.id },
        'video hold release failed; the sweeper will expire it',
      );
    });
  }
  return moved;
}

/**
 * Asks the provider about one job and moves it on: running → progress; succeeded → the video
 * is stored and the hold captured; failed → the hold released. Exactly one caller polls at a time.
 */
export async function advanceVideoJob(deps: CoreDeps, jobId: string): Promise<void> {
  const now = deps.clock.now();
  const job = await leaseJob(deps.db, jobId, now, later(now, jobPolicy.leaseSeconds));
  if (job === undefined) return;
  if (now.getTime() - new Date(job.created_at).getTime() > jobPolicy.maxAgeSeconds * 1000) {
    await finish(
      deps,
      job,
      'failed',
      `TIMEOUT: the provider did not finish within ${jobPolicy.maxAgeSeconds / 3600} h`,
    );
    return;
  }
  let status: VideoStatus;
  try {
    const model = await (await deps.models()).video(job.model_id);
    status = await model.status(parse<VideoOperation>(job.operation));
  } catch (error) {
    const appError = toAppError(error);
    if (appError.retryable) {
      await updateRunningJob(
        deps.db,
        job.id,
        { status: 'running', nextPollAt: later(now, jobPolicy.pollEverySeconds * 2) },
        deps.clock.now(),
      );
      return;
    }
    await finish(deps, job, 'failed', `${appError.code}: ${appError.message}`);
    return;
  }
  if (status.state === 'running') {
    await updateRunningJob(
      deps.db,
      job.id,
      {
        status: 'running',
        ...(status.progress === undefined ? {} : { progress: Math.min(0.99, Math.max(0, status.progress)) }),
        nextPollAt: later(now, jobPolicy.pollEverySeconds),
      },
      deps.clock.now(),
    );
  } else if (status.state === 'succeeded') {
    await succeed(deps, job, status);
  } else {
    await finish(deps, job, 'failed', `${status.error.code}: ${status.error.message}`);
  }
}

/** One round of the job worker: every job whose poll is due, one at a time. */
export async function advanceDueJobs(
  deps: CoreDeps,
  options: { limit: number; stopped(): boolean },
): Promise<void> {
  for (const jobId of await dueJobIds(deps.db, deps.clock.now(), options.limit)) {
    if (options.stopped()) return;
    await advanceVideoJob(deps, jobId).catch((error: unknown) =>
      deps.logger.error({ err: error, jobId }, 'video job poll failed'),
    );
  }
}

async function viewJob(deps: CoreDeps, job: Job): Promise<JobView> {
  const result = job.result === null ? {} : parse<{ assetIds?: string[]; note?: string }>(job.result);
  const assetIds = result.assetIds ?? [];
  const storage = await deps.storage();
  const owner = plainCaller(job.user_id);
  const assets: AssetView[] = [];
  for (const id of assetIds) {
    const asset = await findAsset(deps, owner, id).catch(() => undefined);
    if (asset !== undefined) assets.push(await viewAsset(storage, asset));
  }
  return {
    jobId: job.id,
    status: job.status,
    progress: job.status === 'succeeded' ? 1 : job.progress,
    assets,
    error: job.error,
    creditsCharged: job.credits_charged,
    note: result.note ?? null,
  };
}

async function ownedJob(deps: CoreDeps, caller: Caller, jobId: string): Promise<Job> {
  // Not one of our ids (a NUL byte, say) never reaches SQL: it is simply no job of yours.
  const job = isUuid(jobId) ? await findOwnedJob(deps.db, caller.userId, jobId) : undefined;
  if (job === undefined) throw new AppError('NOT_FOUND', `jobId: no job ${jobId}`);
  return job;
}

/** A job with the times the MCP tasks extension reports: when it was created and last changed. */
export interface TimedJobView {
  view: JobView;
  createdAt: Date;
  updatedAt: Date;
}

/** One of the caller's jobs, advanced first when a poll is due, so a polling client never waits on the worker. */
export async function readTimedJob(deps: CoreDeps, caller: Caller, jobId: string): Promise<TimedJobView> {
  const found = await ownedJob(deps, caller, jobId);
  await advanceVideoJob(deps, found.id);
  const job = (await findOwnedJob(deps.db, caller.userId, jobId)) ?? found;
  return {
    view: await viewJob(deps, job),
    createdAt: new Date(job.created_at),
    updatedAt: new Date(job.updated_at),
  };
}

export async function readJob(deps: CoreDeps, caller: Caller, jobId: string): Promise<JobView> {
  return (await readTimedJob(deps, caller, jobId)).view;
}

/** Stops following a running job and returns its hold; a finished job is left as it is. */
export async function cancelJob(deps: CoreDeps, caller: Caller, jobId: string): Promise<JobView> {
  const job = await ownedJob(deps, caller, jobId);
  if (job.status === 'queued' || job.status === 'running') {
    await finish(deps, job, 'cancelled', 'CANCELLED: cancelled by its owner');
  }
  return viewJob(deps, (await findOwnedJob(deps.db, caller.userId, jobId)) ?? job);
}
