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

export interface CategoryUsage {
  category: string;
  count: number;
  /**
   * Net money out from `since` on, in cents, per currency: purchases less refunds, never
   * below zero (a category that took money in spent nothing).
   */
  spentCents: Record<string, number>;
}

/**
 * Every category, known or used, with its number of transactions and what went out in
 * it since a date. One pass over the category index; removed rows do not count.
 */
export async function categoryUsage(db: Db, since: string): Promise<CategoryUsage[]> {
  const [names, counts, spent] = await Promise.all([
    listCategoryNames(db),
    db
      .selectFrom('transactions')
      .select(['category', sql<number>`count(*)`.as('count')])
      .where('removed', '=', 0)
      .groupBy('category')
      .execute(),
    db
      .selectFrom('transactions')
      .select(['category', 'currency', sql<number>`-sum(amount_cents)`.as('spent')])
      .where('removed', '=', 0)
      .where('date', '>=', since)
      .groupBy(['category', 'currency'])
      .execute(),
  ]);
  const usage = new Map<string, CategoryUsage>();
  const entry = (category: string) => {
    let u = usage.get(category);
    if (!u) usage.set(category, (u = { category, count: 0, spentCents: {} }));
    return u;
  };
  for (const name of names) entry(name);
  for (const c of counts) entry(c.category).count = c.count;
  for (const s of spent) entry(s.category).spentCents[s.currency] = Math.max(0, s.spent);
  return [...usage.values()].sort((a, b) => a.category.localeCompare(b.category));
}
