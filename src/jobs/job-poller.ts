import type { Services } from '../app/services.js';
import { dueJobIds } from '../db/repositories/jobs.js';
import { advanceVideoJob } from './video-jobs.js';

export interface JobPoller {
  stop(): Promise<void>;
}

/** Advances due video jobs every `intervalMs`, one round at a time; the timer never keeps the process alive. */
export function startJobPoller(services: Services, intervalMs = 2000): JobPoller {
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = async () => {
    for (const jobId of await dueJobIds(services.db, new Date(), 20)) {
      if (stopped) return;
      await advanceVideoJob(services, jobId).catch((error: unknown) =>
        services.logger.error({ err: error, jobId }, 'video job poll failed'),
      );
    }
  };
  const timer = setInterval(() => {
    if (running !== undefined || stopped) return;
    running = round()
      .catch((error: unknown) => services.logger.error({ err: error }, 'job poller round failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
