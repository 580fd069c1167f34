import type { Db } from './kysely';

/** The `secrets` table: sealed values by key; app/secrets.ts seals and opens them. */
export async function readSealedSecret(db: Db, key: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('secrets').select('sealed').where('key', '=', key).executeTakeFirst();
  return row?.sealed;
}

export async function writeSealedSecret(db: Db, key: string, sealed: Buffer, nowIso: string): Promise<void> {
  await db
    .insertInto('secrets')
    .values({ key, sealed, updated_at: nowIso })
    .onConflict((oc) => oc.column('key').doUpdateSet({ sealed, updated_at: nowIso }))
    .execute();
}

export async function deleteSecret(db: Db, key: string): Promise<void> {
  await db.deleteFrom('secrets').where('key', '=', key).execute();
}

/** The keys that hold a secret, for `config list` to say which are set. */
export async function secretKeysSet(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('secrets').select('key').orderBy('key').execute();
  return rows.map((r) => r.key);
}
