import { AppError } from '../errors/app-error.js';

/** At most `max` pieces of work at once; the rest wait their turn (or leave when their caller cancels). */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running < this.max) this.running += 1;
    else await this.turn(signal);
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so `running` only drops when no one waits.
      const next = this.waiting.shift();
      if (next === undefined) this.running -= 1;
      else next();
    }
  }

  private turn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AppError('CANCELLED', 'the read was cancelled'));
      const onAbort = () => {
        const index = this.waiting.indexOf(enter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new AppError('CANCELLED', 'the read was cancelled'));
      };
      const enter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(enter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
