import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry, Lifecycle, LifecycleStatus } from './catalogue-entry.js';

/** End of life is the start of that UTC day: the vendor turns the model off on that date. */
function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

const severity: Record<LifecycleStatus, number> = { active: 0, legacy: 1, deprecated: 1, retired: 2 };

/**
 * The status at `now`: anything past its end of life is retired; a model the vendor calls retired
 * but whose date is still ahead of this clock is deprecated (it is still served until then).
 */
export function statusAt(lifecycle: Lifecycle, now: Date): LifecycleStatus {
  const { status, endOfLife } = lifecycle;
  if (endOfLife !== undefined && now.getTime() >= dayStart(endOfLife)) return 'retired';
  if (status === 'retired' && endOfLife !== undefined) return 'deprecated';
  return status;
}

/** The lifecycle as it stands at `now` (status only changes), for lists and doctor. */
export function lifecycleAt(lifecycle: Lifecycle, now: Date): Lifecycle {
  const status = statusAt(lifecycle, now);
  return status === lifecycle.status ? lifecycle : { ...lifecycle, status };
}

/**
 * The later of two word on one model (the catalogue file and what a sync stored): the more
 * advanced status wins, the earlier known end of life, and the first successor named.
 */
export function mergeLifecycle(base: Lifecycle, stored: Lifecycle | undefined): Lifecycle {
  if (stored === undefined) return base;
  const later = severity[stored.status] >= severity[base.status] ? stored : base;
  const ends = [base.endOfLife, stored.endOfLife].filter((date): date is string => date !== undefined);
  const endOfLife = ends.sort()[0];
  return {
    status: later.status,
    ...(endOfLife === undefined ? {} : { endOfLife }),
    ...((later.successor ?? base.successor ?? stored.successor) === undefined
      ? {}
      : { successor: later.successor ?? base.successor ?? stored.successor }),
    source: later.source,
  };
}

/** Only active models are chosen automatically; legacy and deprecated ones serve when asked for. */
export function isActive(entry: CatalogueEntry, now: Date): boolean {
  return statusAt(entry.lifecycle, now) === 'active';
}

export function isRetired(entry: CatalogueEntry, now: Date): boolean {
  return statusAt(entry.lifecycle, now) === 'retired';
}

/** The warning a caller passes on (as an MCP log notification) when a legacy or deprecated model serves. */
export function lifecycleWarning(entry: CatalogueEntry, now: Date): string | undefined {
  const status = statusAt(entry.lifecycle, now);
  if (status !== 'legacy' && status !== 'deprecated') return undefined;
  const { endOfLife, successor, source } = entry.lifecycle;
  const when = endOfLife === undefined ? '' : ` and reaches end of life on ${endOfLife}`;
  const move = successor === undefined ? '' : `; move to ${successor}`;
  return `model ${entry.id} is ${status}${when}${move} (${source})`;
}

/** Throws PROVIDER_ERROR naming the successor when the model can no longer be called. */
export function assertCallable(entry: CatalogueEntry, now: Date): void {
  if (!isRetired(entry, now)) return;
  const { endOfLife, successor } = entry.lifecycle;
  const when = endOfLife === undefined ? 'is retired' : `reached end of life on ${endOfLife}`;
  throw new AppError(
    'PROVIDER_ERROR',
    `model ${entry.id} ${when}; ${successor === undefined ? 'choose another model' : `use ${successor} instead`}`,
    { retryable: false, details: { reason: 'end-of-life', model: entry.id, successor } },
  );
}
