import type { GoogleGenAI } from '@google/genai';
import type { LifecycleReport, ModelTarget } from '../provider-module.js';
import { mapGeminiError } from './gemini-errors.js';

const source = 'gemini models.list';

/**
 * Lifecycle of the Gemini rows from `models.list`: the API lists every model a key may call and
 * drops a model when it is shut down, so a row it no longer lists is retired. It gives no dates:
 * those stay as the catalogue has them.
 */
export async function readGeminiLifecycle(
  client: GoogleGenAI,
  targets: readonly ModelTarget[],
): Promise<LifecycleReport[]> {
  const listed = new Set<string>();
  try {
    const pager = await client.models.list({ config: { pageSize: 100 } });
    for await (const model of pager) if (model.name) listed.add(model.name.replace(/^models\//, ''));
  } catch (error) {
    throw mapGeminiError(error);
  }
  return targets.map(({ entry, vendorModelId }) => ({
    id: entry.id,
    lifecycle: listed.has(vendorModelId) ? { status: 'active', source } : { status: 'retired', source },
  }));
}
