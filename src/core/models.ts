import { describePrice } from '../credits/prices.js';
import type { LifecycleStatus, ListedModel, ModelKind } from '../providers/catalogue.js';
import type { CoreDeps } from './core-deps.js';
import { currentModels } from './current-models.js';

export interface ModelView {
  id: string;
  name: string;
  provider: string;
  kind: ModelKind;
  configured: boolean;
  /** Variables to set for the model to become configured. */
  missing: string[];
  price: { unit: string; credits: Record<string, number>; description: string };
  lifecycle: { status: LifecycleStatus; endOfLife?: string; successor?: string };
  capabilities: Record<string, unknown>;
}

function modelView(model: ListedModel): ModelView {
  const { unit, ...credits } = model.price;
  return {
    id: model.id,
    name: model.displayName,
    provider: model.provider,
    kind: model.kind,
    configured: model.configured,
    missing: model.missing,
    price: { unit, credits, description: describePrice(model.price) },
    lifecycle: {
      status: model.lifecycle.status,
      ...(model.lifecycle.endOfLife === undefined ? {} : { endOfLife: model.lifecycle.endOfLife }),
      ...(model.lifecycle.successor === undefined ? {} : { successor: model.lifecycle.successor }),
    },
    capabilities: { ...model.capabilities },
  };
}

/** The catalogue with prices, lifecycle and whether each model is configured on this server. */
export async function listModels(
  deps: Pick<CoreDeps, 'db' | 'models'>,
  kind?: ModelKind,
): Promise<ModelView[]> {
  return (await currentModels(deps)).list(kind).map(modelView);
}
