import type { Database as SqliteDatabase } from 'better-sqlite3';
import { sql } from 'kysely';
import { treeOrder } from '../core/categories/tree';
import type { Db } from './kysely';
import { partsCountSql } from './splits-repo';

/**
 * A category and the ones under it (a top-level category's children; a detailed one
 * alone): what a budget, `tx --category` or a report on it counts.
 */
export async function categorySubtree(db: Db, name: string): Promise<string[]> {
  const rows = await db.selectFrom('categories').select('name').where('parent', '=', name).orderBy('name').execute();
  return [name, ...rows.map((r) => r.name)];
}

/** Each category that sits under another, with its parent (the rest are top-level). */
export function categoryParents(sqlite: SqliteDatabase): Map<string, string> {
  const rows = sqlite.prepare('SELECT name, parent FROM categories WHERE parent IS NOT NULL').raw().all() as [string, string][];
  return new Map(rows);
}

/** Every known category with its parent and what belongs in it. */
export async function listCategories(db: Db): Promise<{ name: string; parent: string | null; holds: string | null }[]> {
  return db.selectFrom('categories').select(['name', 'parent', 'holds']).execute();
}

/** Every category in tree order (core/categories/tree.ts), and which of them sit under another. */
export async function categoryTree(db: Db): Promise<{ names: string[]; children: string[] }> {
  const ordered = treeOrder(await listCategories(db), (c) => c.name);
  return { names: ordered.map((o) => o.item.name), children: ordered.filter((o) => o.child).map((o) => o.item.name) };
}

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
  /** The top-level category it sits under; null for a top-level one. */
  parent: string | null;
  /** What belongs in it (built-in ones). */
  holds: string | null;
  /** Its own rows and split parts (removed rows do not count). */
  count: number;
}

/**
 * Every category, known or used, with its own number of transactions. A split row
 * counts once in each of its parts' categories instead of in its own (while its parts
 * still sum to it, as everywhere else).
 */
export async function categoryCounts(db: Db): Promise<CategoryCount[]> {
  const [known, rows, split] = await Promise.all([
    listCategories(db),
    db
      .selectFrom('transactions')
      .select(['category', sql<number>`count(*)`.as('count')])
      .where('removed', '=', 0)
      .groupBy('category')
      .execute(),
    // Few rows are split: per category, its parts (+1 each) less the split rows it holds (-1 each).
    sql<{ category: string; count: number }>`
      SELECT category, sum(n) AS count FROM (
        SELECT s.category, 1 AS n FROM transaction_splits s CROSS JOIN transactions t ON t.id = s.transaction_id
        WHERE t.removed = 0 AND ${sql.raw(partsCountSql('t'))}
        UNION ALL
        SELECT t.category, -1 FROM transactions t
        WHERE t.removed = 0 AND t.id IN (SELECT transaction_id FROM transaction_splits) AND ${sql.raw(partsCountSql('t'))})
      GROUP BY category`.execute(db),
  ]);
  const counts = new Map(rows.map((r) => [r.category, r.count]));
  for (const r of split.rows) counts.set(r.category, (counts.get(r.category) ?? 0) + r.count);
  const usage = new Map<string, CategoryCount>(
    known.map((c) => [c.name, { category: c.name, parent: c.parent, holds: c.holds, count: 0 }]),
  );
  for (const [category, count] of counts) {
    const u = usage.get(category);
    if (u) u.count = count;
    else if (count > 0) usage.set(category, { category, parent: null, holds: null, count });
  }
  return [...usage.values()];
}

/**
 * Per top-level category, how many times its children's counts hold a split row more
 * than once (a row split into groceries and coffee is one row of food): what to take
 * off when the counts of the categories under it are added up.
 */
export async function splitRepeatsByTop(db: Db): Promise<Map<string, number>> {
  const rows = await sql<{ top: string; repeats: number }>`
    SELECT top, count(*) - count(DISTINCT transaction_id) AS repeats FROM (
      SELECT s.transaction_id, coalesce(c.parent, s.category) AS top
      FROM transaction_splits s CROSS JOIN transactions t ON t.id = s.transaction_id
      LEFT JOIN categories c ON c.name = s.category
      WHERE t.removed = 0 AND ${sql.raw(partsCountSql('t'))})
    GROUP BY top HAVING repeats > 0`.execute(db);
  return new Map(rows.rows.map((r) => [r.top, r.repeats]));
}
