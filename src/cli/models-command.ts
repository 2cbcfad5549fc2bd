import { Command, Option } from 'commander';
import type { Config } from '../config/config.js';
import { describePrice } from '../credits/prices.js';
import { type Capabilities, type Lifecycle, listCatalogue, type ModelKind } from '../providers/catalogue.js';

export interface ModelsCommandDeps {
  config: Config;
  print: (human: string, json: unknown) => void;
}

function describeCapabilities(capabilities: Capabilities): string {
  const parts = [
    capabilities.tools ? 'tools' : '',
    capabilities.streaming ? 'streaming' : '',
    capabilities.vision ? 'vision' : '',
    capabilities.maxOutputTokens === undefined ? '' : `max ${capabilities.maxOutputTokens} tokens`,
    capabilities.maxVideoSeconds === undefined ? '' : `max ${capabilities.maxVideoSeconds} s`,
    capabilities.aspectRatios.length === 0 ? '' : capabilities.aspectRatios.join(' '),
  ];
  return parts.filter(Boolean).join(', ');
}

function describeLifecycle(lifecycle: Lifecycle): string {
  if (lifecycle.status === 'active') return 'active';
  if (lifecycle.status === 'legacy') return `legacy until ${lifecycle.endOfLife} → ${lifecycle.successor}`;
  return `retired ${lifecycle.since} → ${lifecycle.successor}`;
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

/** `adengine models list [--kind chat|image|video]`: the catalogue with what is configured here. */
export function createModelsCommand(deps: ModelsCommandDeps): Command {
  const models = new Command('models').description('the model catalogue');
  models
    .command('list')
    .description('list models with capabilities, prices, configuration and lifecycle')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(['chat', 'image', 'video']))
    .action((options: { kind?: ModelKind }) => {
      const listed = listCatalogue(deps.config, options.kind);
      const rows = [
        ['ID', 'PROVIDER', 'KIND', 'CAPABILITIES', 'PRICE', 'CONFIGURED', 'LIFECYCLE'],
        ...listed.map((model) => [
          model.id,
          model.provider,
          model.kind,
          describeCapabilities(model.capabilities),
          describePrice(model.price),
          model.configured ? 'yes' : `no: set ${model.missing.join('; ')}`,
          describeLifecycle(model.lifecycle),
        ]),
      ];
      deps.print(table(rows), listed);
    });
  return models;
}
