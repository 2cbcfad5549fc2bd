import { storeLifecycle } from '../db/repositories/model-lifecycle.js';
import { countPreferredModels } from '../db/repositories/model-preferences.js';
import { isAppError } from '../errors/app-error.js';
import type { LifecycleStatus, ListedModel } from '../providers/catalogue.js';
import type { CoreDeps } from './core-deps.js';
import { currentModels } from './current-models.js';

export interface ModelSyncChange {
  model: string;
  provider: string;
  from: LifecycleStatus;
  to: LifecycleStatus;
  endOfLife?: string;
  successor?: string;
}

export interface ModelSyncResult {
  /** Each provider asked: how many of its rows it spoke about, or why it could not be read. */
  providers: Array<{ provider: string; ok: boolean; models: number; error?: string }>;
  changes: ModelSyncChange[];
}

function snapshot(models: ListedModel[]): Map<string, ListedModel> {
  return new Map(models.map((model) => [model.id, model]));
}

/**
 * `adengine models sync`: asks each configured provider's own API for its models' lifecycle,
 * stores it (every process routes by it from its next call) and says what changed.
 */
export async function syncModels(deps: Pick<CoreDeps, 'db' | 'models' | 'clock'>): Promise<ModelSyncResult> {
  const before = snapshot((await currentModels(deps)).list());
  const registry = await deps.models();
  const read = await registry.readVendorLifecycle();
  const providers: ModelSyncResult['providers'] = [];
  for (const answer of read) {
    if ('error' in answer) {
      // Our own error text only: a vendor's message may carry account details.
      const error = isAppError(answer.error) ? `${answer.error.code}: ${answer.error.message}` : 'failed';
      providers.push({ provider: answer.provider, ok: false, models: 0, error });
      continue;
    }
    await storeLifecycle(
      deps.db,
      answer.reports.map(({ id, lifecycle }) => ({
        modelId: id,
        provider: answer.provider,
        status: lifecycle.status,
        endOfLife: lifecycle.endOfLife,
        successor: lifecycle.successor,
        source: lifecycle.source,
      })),
      deps.clock.now(),
    );
    providers.push({ provider: answer.provider, ok: true, models: answer.reports.length });
  }
  const after = (await currentModels(deps)).list();
  const changes = after.flatMap((model): ModelSyncChange[] => {
    const old = before.get(model.id)?.lifecycle;
    const now = model.lifecycle;
    if (old === undefined || (old.status === now.status && old.endOfLife === now.endOfLife)) return [];
    return [
      {
        model: model.id,
        provider: model.provider,
        from: old.status,
        to: now.status,
        ...(now.endOfLife === undefined ? {} : { endOfLife: now.endOfLife }),
        ...(now.successor === undefined ? {} : { successor: now.successor }),
      },
    ];
  });
  return { providers, changes };
}

export interface LifecycleWarning {
  model: string;
  status: LifecycleStatus;
  /** Why it matters here: the server's settings, or how many users prefer it. */
  usedBy: string[];
  message: string;
}

/** doctor: models in use (server defaults, fallback chain, user preferences) that are not active. */
export async function modelLifecycleWarnings(
  deps: Pick<CoreDeps, 'db' | 'models' | 'clock'>,
): Promise<LifecycleWarning[]> {
  const registry = await currentModels(deps);
  const preferred = await countPreferredModels(deps.db);
  const settings = new Set(registry.configuredIds());
  const today = deps.clock.now().getTime();
  return registry.list().flatMap((model): LifecycleWarning[] => {
    const { status, endOfLife, successor } = model.lifecycle;
    const usedBy = [
      ...(settings.has(model.id) ? ['server settings'] : []),
      ...(preferred.has(model.id) ? [`preferred by ${preferred.get(model.id)} user(s)`] : []),
    ];
    if (status === 'active' || usedBy.length === 0) return [];
    const days =
      endOfLife === undefined
        ? undefined
        : Math.ceil((Date.parse(`${endOfLife}T00:00:00Z`) - today) / 86_400_000);
    const when =
      endOfLife === undefined
        ? 'no end-of-life date announced'
        : days !== undefined && days > 0
          ? `end of life ${endOfLife} (in ${days} days)`
          : `ended ${endOfLife}`;
    const next =
      successor === undefined
        ? ''
        : status === 'retired'
          ? `; preferences move to ${successor} on their next call`
          : `; move to ${successor}`;
    return [
      {
        model: model.id,
        status,
        usedBy,
        message: `${model.id} is ${status}: ${when}${next} (${usedBy.join(', ')})`,
      },
    ];
  });
}
