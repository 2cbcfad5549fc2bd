import type { Logger } from '../logger.js';
import type { CreditLedger } from './ledger.js';

export interface HoldSweeperOptions {
  ledger: Pick<CreditLedger, 'sweepExpiredHolds'>;
  intervalMs: number;
  logger: Pick<Logger, 'info' | 'error'>;
}

export interface HoldSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Sweeps expired holds every `intervalMs`, so credits held by a crashed call come back.
 * The timer is unref'd (it never keeps the process alive) and sweeps never overlap.
 */
export function startHoldSweeper(options: HoldSweeperOptions): HoldSweeper {
  let running: Promise<void> | undefined;
  let stopped = false;

  const sweepOnce = async (): Promise<void> => {
    try {
      const expired = await options.ledger.sweepExpiredHolds();
      if (expired > 0) options.logger.info({ expired }, 'expired credit holds released');
    } catch (error) {
      options.logger.error({ err: error }, 'credit hold sweep failed');
    }
  };

  const timer = setInterval(() => {
    if (stopped || running !== undefined) return;
    running = sweepOnce().finally(() => {
      running = undefined;
    });
  }, options.intervalMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
