import type { Config } from '../config/config.js';
import { listCatalogue, type ProviderName } from './catalogue.js';

export interface ProviderStatusRow {
  provider: ProviderName;
  /** True when at least one of its models can be called. */
  configured: boolean;
  /** Variables to set for its models that are not configured yet. */
  missing: string[];
  /** Catalogue ids of its configured models (all of them when none is). */
  models: string[];
}

/** One row per provider for `adengine doctor`, from the parsed config alone. */
export function providerStatus(config: Config): ProviderStatusRow[] {
  const rows = new Map<ProviderName, ProviderStatusRow>();
  for (const model of listCatalogue(config)) {
    const row = rows.get(model.provider) ?? {
      provider: model.provider,
      configured: false,
      missing: [],
      models: [],
    };
    rows.set(model.provider, row);
    row.configured ||= model.configured;
    for (const variable of model.missing) if (!row.missing.includes(variable)) row.missing.push(variable);
  }
  for (const row of rows.values()) {
    const models = listCatalogue(config).filter((model) => model.provider === row.provider);
    row.models = (row.configured ? models.filter((model) => model.configured) : models).map(
      (model) => model.id,
    );
  }
  return [...rows.values()];
}
