import type { Kysely } from 'kysely';
import { inTransaction } from '../in-transaction.js';
import type { ModelLifecycleTable, Tables } from '../tables.js';

export interface StoredLifecycle {
  modelId: string;
  provider: string;
  status: ModelLifecycleTable['status'];
  endOfLife: string | undefined;
  successor: string | undefined;
  source: string;
  syncedAt: Date;
}

export async function listStoredLifecycle(db: Kysely<Tables>): Promise<StoredLifecycle[]> {
  const rows = await db.selectFrom('model_lifecycle').selectAll().orderBy('model_id').execute();
  return rows.map((row) => ({
    modelId: row.model_id,
    provider: row.provider,
    status: row.status,
    endOfLife: row.end_of_life ?? undefined,
    successor: row.successor ?? undefined,
    source: row.source,
    syncedAt: new Date(row.synced_at),
  }));
}

/** Writes one provider's rows in one transaction, so a reader never sees half a sync. */
export async function storeLifecycle(
  db: Kysely<Tables>,
  rows: readonly Omit<StoredLifecycle, 'syncedAt'>[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (const row of rows) {
      const values = {
        provider: row.provider,
        status: row.status,
        end_of_life: row.endOfLife ?? null,
        successor: row.successor ?? null,
        source: row.source,
        synced_at: now,
      };
      await trx
        .insertInto('model_lifecycle')
        .values({ model_id: row.modelId, ...values })
        .onConflict((conflict) => conflict.column('model_id').doUpdateSet(values))
        .execute();
    }
  });
}
