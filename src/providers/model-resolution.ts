import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { Catalogue } from './catalogue.js';
import type { CatalogueEntry, ModelKind } from './catalogue-entry.js';
import { assertCallable, lifecycleState, lifecycleWarning } from './lifecycle.js';

export interface Resolution {
  entry: CatalogueEntry;
  /** Legacy-model notices for the client, as log notifications. */
  warnings: string[];
}

/** Which catalogue rows a request may use: the asked one, the configured default, the fallbacks. */
export interface ModelResolver {
  resolve(kind: ModelKind, preferred?: string): Resolution;
  /** Unknown id → INVALID_INPUT; wrong kind → INVALID_INPUT; not configured → PROVIDER_NOT_CONFIGURED. */
  requireEntry(kind: ModelKind, id: string): CatalogueEntry;
  /** The configured chain after `entry` (or all of it when `entry` is not in it), same kind only. */
  fallbacksOf(entry: CatalogueEntry): CatalogueEntry[];
}

export function createModelResolver(
  catalogue: Catalogue,
  models: Config['models'],
  now: () => Date,
): ModelResolver {
  function requireEntry(kind: ModelKind, id: string): CatalogueEntry {
    const entry = catalogue.find(id);
    const known = catalogue.entries(kind).map((candidate) => candidate.id);
    if (entry === undefined)
      throw new AppError('INVALID_INPUT', `unknown model "${id}"; ${kind} models are: ${known.join(', ')}`);
    if (entry.kind !== kind)
      throw new AppError(
        'INVALID_INPUT',
        `model "${id}" is a ${entry.kind} model, not a ${kind} model; choose one of: ${known.join(', ')}`,
      );
    const missing = catalogue.missing(entry);
    if (missing.length > 0) {
      throw new AppError(
        'PROVIDER_NOT_CONFIGURED',
        `model ${id} is not configured: set ${missing.join('; ')}`,
        { details: { model: id, missing } },
      );
    }
    return entry;
  }

  function fallbacksOf(entry: CatalogueEntry): CatalogueEntry[] {
    const chain = models.fallbackChain;
    const position = chain.indexOf(entry.id);
    const rest = position === -1 ? chain : chain.slice(position + 1);
    return rest
      .map((id) => catalogue.find(id))
      .filter(
        (candidate): candidate is CatalogueEntry =>
          candidate !== undefined && candidate.kind === entry.kind && candidate.id !== entry.id,
      )
      .filter((candidate) => catalogue.missing(candidate).length === 0);
  }

  function defaultFor(kind: ModelKind): string | undefined {
    return kind === 'chat'
      ? models.defaultChat
      : kind === 'image'
        ? models.defaultImage
        : models.defaultVideo;
  }

  function resolve(kind: ModelKind, preferred?: string): Resolution {
    const chosen = preferred ?? defaultFor(kind);
    if (chosen !== undefined) {
      const entry = requireEntry(kind, chosen);
      assertCallable(entry, now());
      const warning = lifecycleWarning(entry, now());
      return { entry, warnings: warning === undefined ? [] : [warning] };
    }
    // Automatic choice: only active, configured models.
    const entry = catalogue
      .entries(kind)
      .find(
        (candidate) =>
          catalogue.missing(candidate).length === 0 && lifecycleState(candidate, now()) === 'active',
      );
    if (entry === undefined) {
      const options = catalogue
        .list(kind)
        .filter((candidate) => lifecycleState(candidate, now()) === 'active')
        .map((candidate) => `${candidate.id} (set ${candidate.missing.join('; ')})`);
      throw new AppError(
        'PROVIDER_NOT_CONFIGURED',
        `no ${kind} model is configured; configure one of: ${options.join(', ')}`,
      );
    }
    return { entry, warnings: [] };
  }

  return { resolve, requireEntry, fallbacksOf };
}
