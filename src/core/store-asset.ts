import type { Database } from '../db/database.js';
import { insertAsset } from '../db/repositories/assets.js';
import type { Asset, AssetKind } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import { newAssetKey } from '../storage/asset-keys.js';
import { extensionFor } from '../storage/content-types.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import type { Clock } from './clock.js';
import { cleanText } from './storable-text.js';

export interface NewAssetInput {
  userId: string;
  kind: AssetKind;
  bytes: Uint8Array;
  mimeType: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  provider?: string;
  modelId?: string;
  prompt?: string;
  jobId?: string;
  metadata?: Record<string, unknown>;
  /** The paid call storing it: hidden until that call's capture commits (see `revealAssets`). */
  pendingCall?: string;
  signal?: AbortSignal;
}

/** What the asset table can hold: a dimension or duration beyond it is the provider's error, not ours. */
const maxPixels = 100_000;
const maxSeconds = 24 * 60 * 60;

function checkMeasures(input: NewAssetInput): void {
  for (const [name, value, max] of [
    ['width', input.width, maxPixels],
    ['height', input.height, maxPixels],
    ['duration', input.durationSeconds, maxSeconds],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= max)) {
      throw new AppError(
        'PROVIDER_ERROR',
        `the provider answered a ${input.kind} with an impossible ${name} (${value})`,
      );
    }
  }
}

/** Writes the bytes under a server-made key, then records the asset; a failed write records nothing. */
export async function storeAsset(
  deps: { db: Database; storage: StorageBackend; clock: Clock },
  input: NewAssetInput,
): Promise<Asset> {
  const { db, storage } = deps;
  checkMeasures(input);
  const id = deps.clock.newId();
  const now = deps.clock.now();
  const key = newAssetKey({
    userId: input.userId,
    kind: input.kind,
    extension: extensionFor(input.mimeType),
    now,
    newId: () => id,
  });
  await storage.put({
    key,
    body: input.bytes,
    contentType: input.mimeType,
    contentLength: input.bytes.byteLength,
    metadata: { 'asset-id': id, 'user-id': input.userId },
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  try {
    return await insertAsset(db, {
      id,
      user_id: input.userId,
      kind: input.kind,
      storage_key: key,
      mime_type: input.mimeType,
      bytes: input.bytes.byteLength,
      width: input.width ?? null,
      height: input.height ?? null,
      duration_seconds: input.durationSeconds ?? null,
      provider: input.provider ?? null,
      model_id: input.modelId ?? null,
      prompt: input.prompt === undefined ? null : cleanText(input.prompt),
      metadata: JSON.stringify(cleanText(input.metadata ?? {})),
      pending_call: input.pendingCall ?? null,
      job_id: input.jobId ?? null,
      created_at: now,
    });
  } catch (error) {
    await storage.delete(key).catch(() => undefined);
    throw error;
  }
}
