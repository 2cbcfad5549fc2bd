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
