import type { Database as SqliteDatabase } from 'better-sqlite3';
import { sql } from 'kysely';
import type { SplitPart } from '../core/split';
import type { Db } from './kysely';

/**
 * SQL that holds when the parts of split row `alias` still count: they sum to its amount
 * (core/split.ts partsCount says the same in TypeScript). A bank that changes a split
 * row's amount leaves parts that do not; the row then counts whole in its own category.
 */
export const partsCountSql = (alias: string): string =>
  `${alias}.amount_cents = (SELECT sum(x.amount_cents) FROM transaction_splits x WHERE x.transaction_id = ${alias}.id)`;

/**
 * The split rows to review: not removed, and their parts no longer sum to their amount
 * (the bank changed it after the person split it). Derived, never stored, so the mark
 * goes away the moment the person splits the row again or clears it.
 */
export const SPLITS_TO_REVIEW = `
  SELECT s.transaction_id FROM transaction_splits s
  JOIN transactions t ON t.id = s.transaction_id
  WHERE t.removed = 0
  GROUP BY s.transaction_id HAVING sum(s.amount_cents) <> max(t.amount_cents)`;

/** The parts of a split transaction in their order; empty when it is not split. */
export async function readSplits(db: Db, transactionId: number): Promise<SplitPart[]> {
  const rows = await db
    .selectFrom('transaction_splits')
    .select(['category', 'amount_cents'])
    .where('transaction_id', '=', transactionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ category: r.category, cents: r.amount_cents }));
}

/** The parts of those of `ids` that are split, by transaction id (one indexed read for a page of rows). */
export async function splitsOf(db: Db, ids: readonly number[]): Promise<Map<number, SplitPart[]>> {
  const found = new Map<number, SplitPart[]>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('transaction_splits')
    .select(['transaction_id', 'category', 'amount_cents'])
    // json_each, not one bound value per id: a page may hold more ids than SQLite binds.
    .where('transaction_id', 'in', sql<number>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .orderBy('transaction_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const parts = found.get(r.transaction_id);
    const part = { category: r.category, cents: r.amount_cents };
    if (parts) parts.push(part);
    else found.set(r.transaction_id, [part]);
  }
  return found;
}

/** How many split rows are to review (SPLITS_TO_REVIEW). */
export function countSplitsToReview(sqlite: SqliteDatabase): number {
  return sqlite.prepare(`SELECT count(*) FROM (${SPLITS_TO_REVIEW})`).pluck().get() as number;
}

/** Replaces a transaction's parts (none clears them). */
export async function writeSplits(db: Db, transactionId: number, parts: readonly SplitPart[]): Promise<void> {
  await db.deleteFrom('transaction_splits').where('transaction_id', '=', transactionId).execute();
  if (parts.length === 0) return;
  await db
    .insertInto('transaction_splits')
    .values(
      parts.map((p, position) => ({ transaction_id: transactionId, position, category: p.category, amount_cents: p.cents })),
    )
    .execute();
}
