import { listStoredLifecycle } from '../db/repositories/model-lifecycle.js';
import type { Lifecycle } from '../providers/catalogue.js';
import type { ModelRegistry } from '../providers/model-registry.js';
import type { CoreDeps } from './core-deps.js';

/**
 * The registry with the lifecycle the last `models sync` stored (by any process). Read on every
 * call, like preferences: one small table, and no process may route to a model another has seen retired.
 */
export async function currentModels(deps: Pick<CoreDeps, 'db' | 'models'>): Promise<ModelRegistry> {
  const [registry, stored] = await Promise.all([deps.models(), listStoredLifecycle(deps.db)]);
  const lifecycle = new Map<string, Lifecycle>(
    stored.map((row) => [
      row.modelId,
      {
        status: row.status,
        ...(row.endOfLife === undefined ? {} : { endOfLife: row.endOfLife }),
        ...(row.successor === undefined ? {} : { successor: row.successor }),
        source: row.source,
      },
    ]),
  );
  registry.useStoredLifecycle(lifecycle);
  return registry;
}
