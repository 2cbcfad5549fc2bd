import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { Catalogue } from './catalogue.js';
import type { CatalogueEntry, ModelKind } from './catalogue-entry.js';
import { assertCallable, isActive, isRetired, lifecycleWarning } from './lifecycle.js';
import { type ModelRequest, type UnmetNeed, unmetNeeds } from './model-request.js';

export interface Resolution {
  entry: CatalogueEntry;
  /** Notices for the client, as log notifications: a deprecated model, a preference moved or passed over. */
  warnings: string[];
  /** Set when the preference named a retired model: the caller stores `to` in its place. */
  movedPreference?: { from: string; to: string };
}

export interface ResolveOptions {
  /** The user's stored preference: used when it can do the request, else passed over with a warning. */
  preferred?: string | undefined;
  request?: ModelRequest | undefined;
}

/** Which catalogue rows a request may use: the asked one, the preference, the default, the fallbacks. */
export interface ModelResolver {
  /**
   * `explicit` (the call's own `model`) must do the request or the call is refused, naming the
   * configured models that can. Without it: the preference, then the server default, when they
   * can; else the first configured active row, in catalogue order, that can.
   */
  resolve(kind: ModelKind, explicit?: string, options?: ResolveOptions): Resolution;
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

  const configured = (entry: CatalogueEntry) => catalogue.missing(entry).length === 0;

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
      .filter((candidate) => configured(candidate) && !isRetired(candidate, now()));
  }

  function defaultFor(kind: ModelKind): string | undefined {
    return kind === 'chat'
      ? models.defaultChat
      : kind === 'image'
        ? models.defaultImage
        : models.defaultVideo;
  }

  /** Configured, active rows that can do the request, in catalogue order. */
  function able(kind: ModelKind, request: ModelRequest | undefined): CatalogueEntry[] {
    return catalogue
      .entries(kind)
      .filter(
        (candidate) =>
          configured(candidate) && isActive(candidate, now()) && unmetNeeds(candidate, request).length === 0,
      );
  }

  /** "configured video models that can: veo, veo-fast", or what would make one available. */
  function alternatives(kind: ModelKind, request: ModelRequest | undefined): string {
    const can = able(kind, request).map((candidate) => candidate.id);
    if (can.length > 0) return `configured ${kind} models that can: ${can.join(', ')}`;
    const could = catalogue
      .list(kind)
      .filter((candidate) => isActive(candidate, now()) && unmetNeeds(candidate, request).length === 0)
      .map((candidate) => `${candidate.id} (set ${candidate.missing.join('; ')})`);
    return could.length > 0
      ? `no configured ${kind} model can; configure one of: ${could.join(', ')}`
      : `no ${kind} model in the catalogue can`;
  }

  function refuse(kind: ModelKind, needs: UnmetNeed[], request: ModelRequest | undefined): AppError {
    const [first] = needs;
    const field = first?.field === 'imageInput' ? 'imageAssetId' : (first?.field ?? 'model');
    return new AppError(
      'INVALID_INPUT',
      `${field}: ${needs.map((need) => need.reason).join('; ')}; ${alternatives(kind, request)}`,
      { details: { field, able: able(kind, request).map((candidate) => candidate.id) } },
    );
  }

  function served(entry: CatalogueEntry, warnings: string[]): Resolution {
    const warning = lifecycleWarning(entry, now());
    return { entry, warnings: warning === undefined ? warnings : [...warnings, warning] };
  }

  /** A retired model's successor, following the chain past successors retired in turn. */
  function successorOf(entry: CatalogueEntry): CatalogueEntry | undefined {
    let current: CatalogueEntry | undefined = entry;
    for (let step = 0; step < 5 && current !== undefined && isRetired(current, now()); step += 1) {
      const next: string | undefined = current.lifecycle.successor;
      current = next === undefined ? undefined : catalogue.find(next);
    }
    return current !== undefined && current.kind === entry.kind && !isRetired(current, now())
      ? current
      : undefined;
  }

  /** A soft choice (preference or server default): used when it can, else a warning says why not. */
  function trySoft(
    kind: ModelKind,
    id: string,
    whose: 'your preferred' | 'the default',
    request: ModelRequest | undefined,
    warnings: string[],
  ): Resolution | undefined {
    let entry = catalogue.find(id);
    if (entry === undefined || entry.kind !== kind) {
      warnings.push(`${whose} ${kind} model ${id} is not in the catalogue; choosing another`);
      return undefined;
    }
    let moved: Resolution['movedPreference'];
    if (isRetired(entry, now())) {
      const successor = successorOf(entry);
      const when = entry.lifecycle.endOfLife === undefined ? '' : ` on ${entry.lifecycle.endOfLife}`;
      if (successor === undefined) {
        warnings.push(`${whose} ${kind} model ${id} was retired${when}; choosing another`);
        return undefined;
      }
      if (whose === 'your preferred') moved = { from: id, to: successor.id };
      warnings.push(
        `${whose} ${kind} model ${id} was retired${when}; ${moved ? 'your preference now names' : 'using'} its successor ${successor.id}`,
      );
      entry = successor;
    }
    if (!configured(entry)) {
      warnings.push(`${whose} ${kind} model ${entry.id} is not configured on this server; choosing another`);
      return moved ? { ...pick(kind, request, warnings), movedPreference: moved } : undefined;
    }
    const needs = unmetNeeds(entry, request);
    if (needs.length > 0) {
      warnings.push(
        `${whose} ${kind} model cannot do this call (${needs.map((need) => need.reason).join('; ')})`,
      );
      return moved ? { ...pick(kind, request, warnings), movedPreference: moved } : undefined;
    }
    return { ...served(entry, warnings), ...(moved ? { movedPreference: moved } : {}) };
  }

  function pick(kind: ModelKind, request: ModelRequest | undefined, warnings: string[]): Resolution {
    const [entry] = able(kind, request);
    if (entry !== undefined) {
      if (warnings.length > 0) warnings.push(`using ${entry.id}`);
      return { entry, warnings };
    }
    const anyConfigured = catalogue
      .entries(kind)
      .some((candidate) => configured(candidate) && isActive(candidate, now()));
    if (anyConfigured) {
      const reasons = catalogue
        .entries(kind)
        .filter((candidate) => configured(candidate) && isActive(candidate, now()))
        .flatMap((candidate) => unmetNeeds(candidate, request));
      throw refuse(kind, reasons, request);
    }
    const options = catalogue
      .list(kind)
      .filter((candidate) => isActive(candidate, now()))
      .map((candidate) => `${candidate.id} (set ${candidate.missing.join('; ')})`);
    throw new AppError(
      'PROVIDER_NOT_CONFIGURED',
      `no ${kind} model is configured; configure one of: ${options.join(', ')}`,
    );
  }

  function resolve(kind: ModelKind, explicit?: string, options: ResolveOptions = {}): Resolution {
    const { request } = options;
    if (explicit !== undefined) {
      const entry = requireEntry(kind, explicit);
      assertCallable(entry, now());
      const needs = unmetNeeds(entry, request);
      if (needs.length > 0) throw refuse(kind, needs, request);
      return served(entry, []);
    }
    const warnings: string[] = [];
    if (options.preferred !== undefined) {
      const chosen = trySoft(kind, options.preferred, 'your preferred', request, warnings);
      if (chosen !== undefined) return chosen;
    }
    const fallback = defaultFor(kind);
    if (fallback !== undefined) {
      const chosen = trySoft(kind, fallback, 'the default', request, warnings);
      if (chosen !== undefined) return chosen;
    }
    return pick(kind, request, warnings);
  }

  return { resolve, requireEntry, fallbacksOf };
}
