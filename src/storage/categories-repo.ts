import type { Database as SqliteDatabase } from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './kysely';

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

/**
 * Every category in tree order: each top-level one (alphabetical) followed by the ones
 * under it (alphabetical), and which of them sit under another.
 */
export async function categoryTree(db: Db): Promise<{ names: string[]; children: string[] }> {
  const rows = await db.selectFrom('categories').select(['name', 'parent']).orderBy('name').execute();
  const tops = new Set(rows.filter((r) => r.parent === null).map((r) => r.name));
  const isChild = (r: { parent: string | null }) => r.parent !== null && tops.has(r.parent);
  const names: string[] = [];
  for (const top of rows.filter((r) => !isChild(r))) {
    names.push(top.name, ...rows.filter((r) => isChild(r) && r.parent === top.name).map((r) => r.name));
  }
  return { names, children: rows.filter(isChild).map((r) => r.name) };
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
  /** Its own rows (removed rows do not count). */
  count: number;
}

/** Every category, known or used, with its own number of transactions. */
export async function categoryCounts(db: Db): Promise<CategoryCount[]> {
  const [known, counts] = await Promise.all([
    db.selectFrom('categories').select(['name', 'parent', 'holds']).execute(),
    db
      .selectFrom('transactions')
      .select(['category', sql<number>`count(*)`.as('count')])
      .where('removed', '=', 0)
      .groupBy('category')
      .execute(),
  ]);
  const usage = new Map<string, CategoryCount>(
    known.map((c) => [c.name, { category: c.name, parent: c.parent, holds: c.holds, count: 0 }]),
  );
  for (const c of counts) {
    const u = usage.get(c.category);
    if (u) u.count = c.count;
    else usage.set(c.category, { category: c.category, parent: null, holds: null, count: c.count });
  }
  return [...usage.values()];
}
