import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Transaction } from '../core/transaction';
import { transactionRowToTransaction } from './transactions-repo';

export interface ExportFilter {
  accountIds: readonly number[];
  from?: string;
  to?: string;
}

/**
 * Every stored transaction in the range, oldest first, read as a stream (a lifetime of
 * rows never sits in memory at once). Removed rows are left out.
 */
export function* iterateTransactions(sqlite: SqliteDatabase, filter: ExportFilter): Generator<Transaction> {
  const statement = sqlite.prepare(
    `SELECT id, account_id, date, amount_cents, currency, description, merchant, category, pending, note
     FROM transactions INDEXED BY transactions_date
     WHERE removed = 0 AND date >= ? AND date <= ? AND account_id IN (SELECT value FROM json_each(?))
     ORDER BY date, id`,
  );
  const rows = statement.iterate(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31', JSON.stringify(filter.accountIds));
  for (const row of rows) yield transactionRowToTransaction(row as Parameters<typeof transactionRowToTransaction>[0]);
}

/** Per account: the sum of its rows dated on or after `from` (all rows without it), and its first date. */
export function sumsFrom(
  sqlite: SqliteDatabase,
  accountIds: readonly number[],
  from: string | undefined,
): Map<number, { cents: number; firstDate: string }> {
  const rows = sqlite
    .prepare(
      `SELECT account_id AS id, sum(amount_cents) AS cents, min(date) AS first FROM transactions
       WHERE removed = 0 AND date >= ? AND account_id IN (SELECT value FROM json_each(?)) GROUP BY account_id`,
    )
    .all(from ?? '0000-01-01', JSON.stringify(accountIds)) as { id: number; cents: number; first: string }[];
  return new Map(rows.map((r) => [r.id, { cents: r.cents, firstDate: r.first }]));
}
