import type { Database as SqliteDatabase } from 'better-sqlite3';
import { partsCountSql } from './splits-repo';

/** A split row whose parts count, with its parts in their order. */
export interface SplitRow {
  id: number;
  accountId: number;
  category: string;
  currency: string;
  date: string;
  amountCents: number;
  pending: boolean;
  parts: { category: string; cents: number }[];
}

/**
 * The split rows with `from <= date < to` whose parts count (not transfers, parts summing
 * to the amount), of one account or, without one, of every account. CROSS JOIN keeps the
 * few split rows leading (SQLite would scan the date range).
 */
export function splitRows(sqlite: SqliteDatabase, accountId: number | undefined, from: string, to: string): SplitRow[] {
  const rows = new Map<number, SplitRow>();
  const ofAccount = accountId === undefined ? '' : 'AND t.account_id = ?';
  const args = accountId === undefined ? [from, to] : [from, to, accountId];
  for (const [id, account, category, currency, date, amountCents, pending, part, cents] of sqlite
    .prepare(
      `SELECT t.id, t.account_id, t.category, t.currency, t.date, t.amount_cents, t.pending, s.category, s.amount_cents
       FROM transaction_splits s CROSS JOIN transactions t ON t.id = s.transaction_id
       WHERE t.removed = 0 AND t.transfer_id IS NULL AND t.date >= ? AND t.date < ? ${ofAccount} AND ${partsCountSql('t')}
       ORDER BY s.transaction_id, s.position`,
    )
    .raw()
    .all(...args) as [number, number, string, string, string, number, number, string, number][]) {
    let row = rows.get(id);
    if (!row)
      rows.set(id, (row = { id, accountId: account, category, currency, date, amountCents, pending: pending === 1, parts: [] }));
    row.parts.push({ category: part, cents });
  }
  return [...rows.values()];
}
