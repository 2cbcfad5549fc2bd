import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from './catalogue-entry.js';

export type LifecycleState = 'active' | 'legacy' | 'past-end-of-life';

/** End of life is the start of that UTC day: the vendor turns the model off on that date. */
function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function lifecycleState(entry: CatalogueEntry, now: Date): LifecycleState {
  const { lifecycle } = entry;
  if (lifecycle.status === 'active') return 'active';
  if (lifecycle.status === 'retired') return 'past-end-of-life';
  return now.getTime() >= dayStart(lifecycle.endOfLife) ? 'past-end-of-life' : 'legacy';
}

/** The warning a caller passes on (as an MCP log notification) when it picks a legacy model. */
export function lifecycleWarning(entry: CatalogueEntry, now: Date): string | undefined {
  const { lifecycle } = entry;
  if (lifecycle.status !== 'legacy' || lifecycleState(entry, now) !== 'legacy') return undefined;
  return `model ${entry.id} is legacy and reaches end of life on ${lifecycle.endOfLife}; move to ${lifecycle.successor} (${lifecycle.source})`;
}

/** Throws PROVIDER_ERROR naming the successor when the model can no longer be called. */
export function assertCallable(entry: CatalogueEntry, now: Date): void {
  if (lifecycleState(entry, now) !== 'past-end-of-life') return;
  const { lifecycle } = entry;
  if (lifecycle.status === 'active') return;
  const when = lifecycle.status === 'legacy' ? lifecycle.endOfLife : lifecycle.since;
  throw new AppError(
    'PROVIDER_ERROR',
    `model ${entry.id} reached end of life on ${when}; use ${lifecycle.successor} instead`,
    {
      retryable: false,
      details: { reason: 'end-of-life', model: entry.id, successor: lifecycle.successor },
    },
  );
}
