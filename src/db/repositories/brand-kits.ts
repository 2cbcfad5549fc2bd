import type { Database } from '../database.js';

export interface BrandKitRow {
  name: string | null;
  voice: string | null;
  bannedWords: string[];
  requiredWords: string[];
  colors: string[];
  logoAssetId: string | null;
  disclaimer: string | null;
}

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export async function getBrandKit(db: Database, userId: string): Promise<BrandKitRow | undefined> {
  const row = await db.selectFrom('brand_kits').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (row === undefined) return undefined;
  // PGlite and pg both parse jsonb; a string would mean a driver that did not.
  const parse = (value: unknown) => asList(typeof value === 'string' ? JSON.parse(value) : value);
  return {
    name: row.name,
    voice: row.voice,
    bannedWords: parse(row.banned_words),
    requiredWords: parse(row.required_words),
    colors: parse(row.colors),
    logoAssetId: row.logo_asset_id,
    disclaimer: row.disclaimer,
  };
}

/** Replaces the user's kit whole (PUT semantics). */
export async function putBrandKit(db: Database, userId: string, kit: BrandKitRow, now: Date): Promise<void> {
  const values = {
    name: kit.name,
    voice: kit.voice,
    banned_words: JSON.stringify(kit.bannedWords),
    required_words: JSON.stringify(kit.requiredWords),
    colors: JSON.stringify(kit.colors),
    logo_asset_id: kit.logoAssetId,
    disclaimer: kit.disclaimer,
  };
  await db
    .insertInto('brand_kits')
    .values({ user_id: userId, ...values, updated_at: now })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}
