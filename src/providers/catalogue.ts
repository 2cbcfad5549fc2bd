import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { catalogueData } from './catalogue-data.js';
import type { CatalogueEntry, Lifecycle, ListedModel, ModelKind } from './catalogue-entry.js';
import { mergeLifecycle } from './lifecycle.js';
import type { ProviderModule } from './provider-module.js';
import { providerModules } from './provider-modules.js';

export type {
  Capabilities,
  CatalogueEntry,
  Lifecycle,
  LifecycleStatus,
  ListedModel,
  ModelKind,
  ProviderName,
} from './catalogue-entry.js';

/** A provider module with the settings it read from the config. */
export interface ServedProvider {
  module: ProviderModule;
  settings: unknown;
}

/** The catalogue rows a list of provider modules serves, as one config sees them. */
export interface Catalogue {
  entries(kind?: ModelKind): CatalogueEntry[];
  find(id: string): CatalogueEntry | undefined;
  /** Every row with whether it is configured and, if not, what to set. */
  list(kind?: ModelKind): ListedModel[];
  missing(entry: CatalogueEntry): string[];
  /** The id the vendor is sent for this row. */
  vendorModelId(entry: CatalogueEntry): string;
  providerOf(entry: CatalogueEntry): ServedProvider;
  /**
   * Lifecycle learnt from the providers' own APIs (`models sync`), by catalogue id; each row's
   * lifecycle becomes the later word of its file row and this. Replaces what was given before.
   */
  useStoredLifecycle(stored: ReadonlyMap<string, Lifecycle>): void;
}

export interface CatalogueOptions {
  /** Default: `providerModules`. Rows of providers not in the list are not served. */
  modules?: readonly ProviderModule[];
  /** Rows besides the built-in ones, e.g. a test-only provider's models. */
  extraEntries?: readonly CatalogueEntry[];
}

export function createCatalogue(config: Config, options: CatalogueOptions = {}): Catalogue {
  const providers = new Map<string, ServedProvider>();
  for (const module of options.modules ?? providerModules) {
    if (providers.has(module.name))
      throw new AppError('INTERNAL', `two provider modules are named ${module.name}`);
    providers.set(module.name, { module, settings: module.settings(config) });
  }
  const rows = [...catalogueData, ...(options.extraEntries ?? [])].filter((entry) =>
    providers.has(entry.provider),
  );
  const seen = new Set<string>();
  for (const entry of rows) {
    if (seen.has(entry.id)) throw new AppError('INTERNAL', `two catalogue rows have the id ${entry.id}`);
    seen.add(entry.id);
  }
  let served: CatalogueEntry[] = rows;
  let byId = new Map(served.map((entry) => [entry.id, entry]));

  function providerOf(entry: CatalogueEntry): ServedProvider {
    const provider = providers.get(entry.provider);
    if (provider === undefined)
      throw new AppError('INTERNAL', `no provider module is named ${entry.provider} (row ${entry.id})`);
    return provider;
  }

  function missing(entry: CatalogueEntry): string[] {
    const { module, settings } = providerOf(entry);
    return module.missing(entry, settings);
  }

  function entries(kind?: ModelKind): CatalogueEntry[] {
    return served.filter((entry) => kind === undefined || entry.kind === kind);
  }

  return {
    entries,
    find: (id) => byId.get(id),
    list: (kind) =>
      entries(kind).map((entry) => {
        const needed = missing(entry);
        return { ...entry, configured: needed.length === 0, missing: needed };
      }),
    missing,
    vendorModelId(entry) {
      const { module, settings } = providerOf(entry);
      return module.vendorModelId?.(entry, settings) ?? entry.providerModelId;
    },
    providerOf,
    useStoredLifecycle(stored) {
      served = rows.map((entry) => {
        const lifecycle = mergeLifecycle(entry.lifecycle, stored.get(entry.id));
        return lifecycle === entry.lifecycle ? entry : { ...entry, lifecycle };
      });
      byId = new Map(served.map((entry) => [entry.id, entry]));
    },
  };
}

/** The built-in rows with what each still needs, from the parsed config alone (no network). */
export function listCatalogue(
  config: Config,
  kind?: ModelKind,
  modules: readonly ProviderModule[] = providerModules,
): ListedModel[] {
  return createCatalogue(config, { modules }).list(kind);
}

/** A built-in row by catalogue id. */
export function findModel(id: string): CatalogueEntry | undefined {
  return catalogueData.find((entry) => entry.id === id);
}
