import {
  BedrockClient,
  type FoundationModelSummary,
  ListFoundationModelsCommand,
} from '@aws-sdk/client-bedrock';
import { awsClientBase } from '../aws/aws-settings.js';
import type { Lifecycle } from '../catalogue-entry.js';
import type { LifecycleReport, ModelTarget } from '../provider-module.js';
import { toBedrockError } from './bedrock-errors.js';
import type { BedrockSettings } from './bedrock-settings.js';

/** The control-plane client: ListFoundationModels lives there, not in Bedrock Runtime. */
export function createBedrockControlClient(settings: BedrockSettings): BedrockClient {
  const endpoint = settings.controlEndpoint;
  return new BedrockClient({
    ...awsClientBase(settings.aws),
    ...(endpoint === undefined ? {} : { endpoint }),
  });
}

function day(time: Date | undefined): string | undefined {
  return time === undefined ? undefined : time.toISOString().slice(0, 10);
}

/** `modelLifecycle` → ours: ACTIVE is active, LEGACY is legacy with its end-of-life day. */
export function lifecycleOfSummary(summary: FoundationModelSummary, source: string): Lifecycle | undefined {
  const status = summary.modelLifecycle?.status;
  const endOfLife = day(summary.modelLifecycle?.endOfLifeTime);
  if (status === 'ACTIVE') return { status: 'active', ...(endOfLife ? { endOfLife } : {}), source };
  if (status === 'LEGACY') return { status: 'legacy', ...(endOfLife ? { endOfLife } : {}), source };
  return undefined;
}

/**
 * Lifecycle of the Bedrock rows from ListFoundationModels in the configured region. A model the
 * region does not list is left as the catalogue says: absence here means "not in this region",
 * not "retired" (inference-profile models are listed under their base id).
 */
export async function readBedrockLifecycle(
  client: BedrockClient,
  region: string,
  targets: readonly ModelTarget[],
): Promise<LifecycleReport[]> {
  let summaries: FoundationModelSummary[];
  try {
    summaries = (await client.send(new ListFoundationModelsCommand({}))).modelSummaries ?? [];
  } catch (error) {
    throw toBedrockError(error);
  }
  const byId = new Map(summaries.map((summary) => [summary.modelId, summary]));
  const source = `bedrock ListFoundationModels (${region})`;
  return targets.flatMap(({ entry }) => {
    const summary = byId.get(entry.providerModelId);
    const lifecycle = summary === undefined ? undefined : lifecycleOfSummary(summary, source);
    return lifecycle === undefined ? [] : [{ id: entry.id, lifecycle }];
  });
}
