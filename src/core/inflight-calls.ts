/**
 * The paid calls running in this process. A graceful stop waits for them, then aborts the rest
 * so each releases its hold before the process ends.
 */
export class InflightCalls {
  private readonly running = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();

  /** Aborted when the process stops; merged into every paid call's signal. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  get size(): number {
    return this.running.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Waits up to `graceMs` for running calls, then aborts them and waits for them to settle. */
  async drain(graceMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), grace]);
    clearTimeout(timer);
    this.stopping.abort(new Error('the server is stopping'));
    await Promise.allSettled([...this.running]);
  }
}
