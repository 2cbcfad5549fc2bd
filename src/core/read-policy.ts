import { Gate } from './gate.js';

/** How much of an asset may travel inline, and how many large reads may hold their bytes at once. */
export interface ReadPolicy {
  /** Larger assets answer with their URL unless the client asks for the bytes. */
  inlineMaxBytes: number;
  /** Larger assets always answer with their URL. */
  readMaxBytes: number;
  /** Reads above `inlineMaxBytes` wait here for a slot. */
  largeReads: Gate;
}

/** One per process (or per test): the gate is what bounds large reads across every session. */
export function createReadPolicy(limits: {
  inlineMaxBytes: number;
  readMaxBytes: number;
  largeReadsMax: number;
}): ReadPolicy {
  return {
    inlineMaxBytes: limits.inlineMaxBytes,
    readMaxBytes: limits.readMaxBytes,
    largeReads: new Gate(limits.largeReadsMax),
  };
}
