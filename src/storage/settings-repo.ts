import type { Db } from './kysely';

/**
 * The `settings` table: one row per key that differs from its default, the value as
 * JSON text. Keys and values are not checked here; app/settings.ts does that.
 */
export async function readStoredSettings(db: Db): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const values = new Map<string, unknown>();
  for (const row of rows) {
    try {
      values.set(row.key, JSON.parse(row.value));
    } catch {
      values.set(row.key, undefined); // unreadable: the caller falls back to the default
    }
  }
  return values;
}

export async function writeSetting(db: Db, key: string, value: unknown, nowIso: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: nowIso })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: nowIso }))
    .execute();
}

/** Back to the default: the row goes. */
export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}
