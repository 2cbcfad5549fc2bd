import type { Database } from '../database.js';
import type { Job, JobStatus } from '../tables.js';

export interface NewVideoJob {
  id: string;
  userId: string;
  provider: string;
  modelId: string;
  input: Record<string, unknown>;
  operation: unknown;
  reservationId: string | undefined;
  nextPollAt: Date;
}

export async function insertVideoJob(db: Database, job: NewVideoJob, now: Date): Promise<Job> {
  return db
    .insertInto('generation_jobs')
    .values({
      id: job.id,
      user_id: job.userId,
      kind: 'video',
      status: 'running',
      provider: job.provider,
      model_id: job.modelId,
      input: JSON.stringify(job.input),
      operation: JSON.stringify(job.operation),
      result: null,
      error: null,
      reservation_id: job.reservationId ?? null,
      next_poll_at: job.nextPollAt,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Owner only: another user's job is indistinguishable from a missing one. */
export async function findOwnedJob(db: Database, userId: string, jobId: string): Promise<Job | undefined> {
  return db
    .selectFrom('generation_jobs')
    .selectAll()
    .where('id', '=', jobId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function dueJobIds(db: Database, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('generation_jobs')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .where('next_poll_at', '<=', now)
    .orderBy('next_poll_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes the right to poll a job until `leaseUntil`: of a worker and any number of `get_job`
 * calls, one wins each round, so a provider is never asked twice at once.
 */
export async function leaseJob(
  db: Database,
  jobId: string,
  now: Date,
  leaseUntil: Date,
): Promise<Job | undefined> {
  return db
    .updateTable('generation_jobs')
    .set({ next_poll_at: leaseUntil, attempts: (eb) => eb('attempts', '+', 1), updated_at: now })
    .where('id', '=', jobId)
    .where('status', 'in', ['queued', 'running'])
    .where('next_poll_at', '<=', now)
    .returningAll()
    .executeTakeFirst();
}

/** Moves a running job on; a terminal state is written once (the `status` guard). */
export async function updateRunningJob(
  db: Database,
  jobId: string,
  change: {
    status: JobStatus;
    progress?: number;
    result?: unknown;
    error?: string;
    creditsCharged?: number;
    nextPollAt?: Date;
  },
  now: Date,
): Promise<boolean> {
  const terminal =
    change.status === 'succeeded' || change.status === 'failed' || change.status === 'cancelled';
  const updated = await db
    .updateTable('generation_jobs')
    .set({
      status: change.status,
      updated_at: now,
      ...(change.progress === undefined ? {} : { progress: change.progress }),
      ...(change.result === undefined ? {} : { result: JSON.stringify(change.result) }),
      ...(change.error === undefined ? {} : { error: change.error }),
      ...(change.creditsCharged === undefined ? {} : { credits_charged: change.creditsCharged }),
      ...(change.nextPollAt === undefined ? {} : { next_poll_at: change.nextPollAt }),
      ...(terminal ? { finished_at: now, next_poll_at: null } : {}),
    })
    .where('id', '=', jobId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
