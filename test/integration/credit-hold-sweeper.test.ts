import { describe, expect, it } from 'vitest';
import { startHoldSweeper } from '../../src/credits/hold-sweeper.js';

/** A ledger stand-in whose sweeps are observable; the real sweep is covered by the ledger suites. */
function countingLedger(outcomes: Array<number | Error>) {
  const calls: number[] = [];
  let notify: (() => void) | undefined;
  return {
    calls,
    /** Resolves once `count` sweeps have run. */
    until(count: number): Promise<void> {
      return new Promise((resolve) => {
        notify = () => {
          if (calls.length >= count) resolve();
        };
        notify();
      });
    },
    async sweepExpiredHolds(): Promise<number> {
      calls.push(calls.length);
      const outcome = outcomes[Math.min(calls.length - 1, outcomes.length - 1)] ?? 0;
      notify?.();
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

function recordingLogger() {
  const lines: Array<{ level: string; fields: unknown; message: string }> = [];
  return {
    lines,
    info: (fields: unknown, message: string) => lines.push({ level: 'info', fields, message }),
    error: (fields: unknown, message: string) => lines.push({ level: 'error', fields, message }),
  };
}

describe('startHoldSweeper', () => {
  it('sweeps repeatedly, logs expiries and failures, and stops for good', async () => {
    const ledger = countingLedger([2, new Error('database went away'), 0]);
    const logger = recordingLogger();
    const sweeper = startHoldSweeper({ ledger, intervalMs: 1, logger: logger as never });
    await ledger.until(3);
    await sweeper.stop();
    const callsAtStop = ledger.calls.length;

    expect(logger.lines[0]).toEqual({
      level: 'info',
      fields: { expired: 2 },
      message: 'expired credit holds released',
    });
    expect(logger.lines[1]).toMatchObject({ level: 'error', message: 'credit hold sweep failed' });
    // A sweep that expires nothing logs nothing.
    expect(logger.lines.slice(2).every((line) => line.level !== 'info' || line.fields !== undefined)).toBe(
      true,
    );

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ledger.calls.length).toBe(callsAtStop);
  });
});
