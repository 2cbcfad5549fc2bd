import type { Logger } from '../logger.js';

export interface JobPoller {
  stop(): Promise<void>;
}

export interface JobPollerOptions {
  /** One round: advances the due jobs, checking `stopped()` between jobs. */
  advanceDue(options: { limit: number; stopped(): boolean }): Promise<void>;
  logger: Pick<Logger, 'error'>;
  intervalMs?: number;
}

/** The video job worker: a round every `intervalMs`, one at a time; the timer never keeps the process alive. */
export function startJobPoller(options: JobPollerOptions): JobPoller {
  let running: Promise<void> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running !== undefined || stopped) return;
    running = options
      .advanceDue({ limit: 20, stopped: () => stopped })
      .catch((error: unknown) => options.logger.error({ err: error }, 'job poller round failed'))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs ?? 2000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
