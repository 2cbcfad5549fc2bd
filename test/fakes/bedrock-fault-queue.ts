/** Faults the AWS stand-ins can inject, one per matching call, in the order they were queued. */
export type AwsFault =
  | { kind: 'throttle' }
  | { kind: 'server-error'; status?: 500 | 503 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed' }
  /** The model container itself failed (Bedrock ModelErrorException, SageMaker ModelError), with its own status. */
  | { kind: 'model-error'; originalStatus: number };

interface Queued<Operation extends string> {
  fault: AwsFault;
  operation: Operation | undefined;
}

/** A FIFO of faults; each applies to the next call of its operation (or of any operation). */
export class FaultQueue<Operation extends string> {
  readonly #queue: Queued<Operation>[] = [];

  inject(fault: AwsFault, options: { operation?: Operation; times?: number } = {}): void {
    for (let index = 0; index < (options.times ?? 1); index++) {
      this.#queue.push({ fault, operation: options.operation });
    }
  }

  /** Removes and returns the first fault that applies to this call, if any. */
  take(operation: Operation): AwsFault | undefined {
    const index = this.#queue.findIndex(
      (queued) => queued.operation === undefined || queued.operation === operation,
    );
    if (index < 0) return undefined;
    const [queued] = this.#queue.splice(index, 1);
    return queued?.fault;
  }

  get pending(): number {
    return this.#queue.length;
  }

  clear(): void {
    this.#queue.length = 0;
  }
}

/** The status, error type and message a fault answers with, in the AWS JSON error style. */
export function faultAnswer(
  fault: AwsFault,
): { status: number; errorType: string; message: string } | undefined {
  if (fault.kind === 'throttle')
    return {
      status: 429,
      errorType: 'ThrottlingException',
      message: 'Too many requests, please wait before trying again.',
    };
  if (fault.kind === 'server-error') {
    const status = fault.status ?? 500;
    return status === 503
      ? { status, errorType: 'ServiceUnavailableException', message: 'Service unavailable. Try again later.' }
      : {
          status,
          errorType: 'InternalServerException',
          message: 'The server encountered an internal error.',
        };
  }
  if (fault.kind === 'model-error') {
    return {
      status: 424,
      errorType: 'ModelErrorException',
      message: `The model returned status ${fault.originalStatus}.`,
    };
  }
  return undefined;
}

/** A delay that does not keep the process alive once the tests are done. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
