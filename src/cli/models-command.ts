import { Command, Option } from 'commander';
import type { Config } from '../config/config.js';
import type { Core } from '../core/create-core.js';
import type { ModelSyncResult } from '../core/model-sync.js';
import type { ModelView } from '../core/models.js';
import { describePrice } from '../credits/prices.js';
import { type Capabilities, type Lifecycle, listCatalogue, type ModelKind } from '../providers/catalogue.js';

export interface ModelsCommandDeps {
  config: Config;
  print: (human: string, json: unknown) => void;
  /** Opens the process: lists then show the lifecycle `models sync` stored. Without it, the catalogue file alone. */
  withCore?: <T>(work: (core: Core) => Promise<T>) => Promise<T>;
}

function describeCapabilities(capabilities: Capabilities): string {
  const parts = [
    capabilities.tools ? 'tools' : '',
    capabilities.streaming ? 'streaming' : '',
    capabilities.vision ? 'vision' : '',
    capabilities.maxOutputTokens === undefined ? '' : `max ${capabilities.maxOutputTokens} tokens`,
    capabilities.maxVideoSeconds === undefined ? '' : `max ${capabilities.maxVideoSeconds} s`,
    capabilities.imageInput === true ? 'image input' : '',
    capabilities.aspectRatios.length === 0 ? '' : capabilities.aspectRatios.join(' '),
  ];
  return parts.filter(Boolean).join(', ');
}

function describeLifecycle(lifecycle: Pick<Lifecycle, 'status' | 'endOfLife' | 'successor'>): string {
  const { status, endOfLife, successor } = lifecycle;
  if (status === 'active') return 'active';
  const when = endOfLife === undefined ? '' : status === 'retired' ? ` ${endOfLife}` : ` until ${endOfLife}`;
  return `${status}${when}${successor === undefined ? '' : ` → ${successor}`}`;
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

type ListedRow = Pick<ModelView, 'id' | 'provider' | 'kind' | 'configured' | 'missing'> & {
  capabilities: Capabilities;
  priceText: string;
  lifecycle: Pick<Lifecycle, 'status' | 'endOfLife' | 'successor'>;
};

function describeSync(result: ModelSyncResult): string {
  const providers = result.providers.map((provider) =>
    provider.ok
      ? `${provider.provider}: read ${provider.models} model(s)`
      : `${provider.provider}: not read (${provider.error})`,
  );
  const changes = result.changes.map(
    (change) =>
      `${change.model}: ${change.from} → ${describeLifecycle({ status: change.to, endOfLife: change.endOfLife, successor: change.successor })}`,
  );
  if (providers.length === 0) providers.push('no configured provider reports model lifecycle');
  return [...providers, ...(changes.length === 0 ? ['no changes'] : changes)].join('\n');
}

/** `adengine models list [--kind chat|image|video]` and `adengine models sync`. */
export function createModelsCommand(deps: ModelsCommandDeps): Command {
  const models = new Command('models').description('the model catalogue');
  models
    .command('list')
    .description('list models with capabilities, prices, configuration and lifecycle')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(['chat', 'image', 'video']))
    .action(async (options: { kind?: ModelKind }) => {
      const { withCore } = deps;
      const listed: Array<ListedRow & { json: unknown }> =
        withCore === undefined
          ? listCatalogue(deps.config, options.kind).map((model) => ({
              ...model,
              priceText: describePrice(model.price),
              json: model,
            }))
          : (await withCore((core) => core.listModels(options.kind))).map((model) => ({
              ...model,
              capabilities: model.capabilities as unknown as Capabilities,
              priceText: model.price.description,
              json: model,
            }));
      const rows = [
        ['ID', 'PROVIDER', 'KIND', 'CAPABILITIES', 'PRICE', 'CONFIGURED', 'LIFECYCLE'],
        ...listed.map((model) => [
          model.id,
          model.provider,
          model.kind,
          describeCapabilities(model.capabilities),
          model.priceText,
          model.configured ? 'yes' : `no: set ${model.missing.join('; ')}`,
          describeLifecycle(model.lifecycle),
        ]),
      ];
      deps.print(
        table(rows),
        listed.map((model) => model.json),
      );
    });
  models
    .command('sync')
    .description("refresh each configured provider's model lifecycle from its own API and say what changed")
    .action(async () => {
      const { withCore } = deps;
      if (withCore === undefined) throw new Error('models sync needs the database');
      const result = await withCore((core) => core.syncModels());
      deps.print(describeSync(result), result);
    });
  return models;
}
