import type { Db } from './kysely';

export async function listCategoryNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('categories').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}
