import { sql } from 'kysely';
import type { Db } from './kysely';

export async function listCategoryNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('categories').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/** Adds a category a person named; true when it is new. */
export async function ensureCategory(db: Db, name: string, nowIso: string): Promise<boolean> {
  const result = await db
    .insertInto('categories')
    .values({ name, builtin: 0, created_at: nowIso })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export interface CategoryCount {
  category: string;
  count: number;
}

/** Every category, known or used, with its number of transactions (removed rows do not count). */
export async function categoryCounts(db: Db): Promise<CategoryCount[]> {
  const [names, counts] = await Promise.all([
    listCategoryNames(db),
    db
      .selectFrom('transactions')
      .select(['category', sql<number>`count(*)`.as('count')])
      .where('removed', '=', 0)
      .groupBy('category')
      .execute(),
  ]);
  const usage = new Map<string, CategoryCount>(names.map((category) => [category, { category, count: 0 }]));
  for (const c of counts) usage.set(c.category, { category: c.category, count: c.count });
  return [...usage.values()].sort((a, b) => a.category.localeCompare(b.category));
}
