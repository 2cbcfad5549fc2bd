import type { Kysely } from 'kysely';
import type { Tables } from '../tables.js';

export interface ModelPreferences {
  chatModel: string | null;
  imageModel: string | null;
  videoModel: string | null;
}

export async function getModelPreferences(db: Kysely<Tables>, userId: string): Promise<ModelPreferences> {
  const row = await db
    .selectFrom('model_preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    chatModel: row?.chat_model ?? null,
    imageModel: row?.image_model ?? null,
    videoModel: row?.video_model ?? null,
  };
}

/** Sets only the fields given; `null` clears one back to the default. */
export async function setModelPreferences(
  db: Kysely<Tables>,
  userId: string,
  changes: Partial<ModelPreferences>,
  now: Date,
): Promise<ModelPreferences> {
  const values = {
    ...(changes.chatModel === undefined ? {} : { chat_model: changes.chatModel }),
    ...(changes.imageModel === undefined ? {} : { image_model: changes.imageModel }),
    ...(changes.videoModel === undefined ? {} : { video_model: changes.videoModel }),
  };
  await db
    .insertInto('model_preferences')
    .values({ user_id: userId, chat_model: null, image_model: null, video_model: null, ...values })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
  return getModelPreferences(db, userId);
}

/** Every model some user prefers, with how many users prefer it (doctor's "in use"). */
export async function countPreferredModels(db: Kysely<Tables>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('model_preferences')
    .select(['chat_model', 'image_model', 'video_model'])
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows)
    for (const id of [row.chat_model, row.image_model, row.video_model])
      if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
