import { randomUUID } from 'node:crypto';

/** Where the core reads time and makes ids; tests pass their own. */
export interface Clock {
  now(): Date;
  newId(): string;
}

export const systemClock: Clock = { now: () => new Date(), newId: () => randomUUID() };
