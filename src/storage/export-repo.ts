import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { SplitPart } from '../core/split';
import type { Transaction } from '../core/transaction';
import { transactionRowToTransaction } from './transactions-repo';

/** A row to export, with the other side of its transfer between own accounts when paired. */
export interface ExportRow extends Transaction {
  partner: { id: number; accountId: number; date: string; currency: string; rowIsOut: boolean } | null;
  /** The parts of a split row (`tx split`), null when it is not split. */
  splits: SplitPart[] | null;
}

export interface ExportFilter {
  accountIds: readonly number[];
  from?: string;
  to?: string;
}

/**
 * Every stored transaction in the range, oldest first, read as a stream (a lifetime of
 * rows never sits in memory at once). Removed rows are left out.
 */
export function* iterateTransactions(sqlite: SqliteDatabase, filter: ExportFilter): Generator<ExportRow> {
  // Few rows are split: their parts are read once, beside the stream.
  const splits = new Map<number, SplitPart[]>();
  const parts = sqlite
    .prepare('SELECT transaction_id, category, amount_cents FROM transaction_splits ORDER BY transaction_id, position')
    .raw()
    .all() as [number, string, number][];
  for (const [id, category, cents] of parts) splits.set(id, [...(splits.get(id) ?? []), { category, cents }]);
  const statement = sqlite.prepare(
    `SELECT t.id, t.account_id, t.date, t.amount_cents, t.currency, t.description, t.merchant, t.category, t.pending, t.note,
            t.transfer_id, q.id AS partner_id, q.account_id AS partner_account_id, q.date AS partner_date,
            q.currency AS partner_currency, p.out_transaction_id = t.id AS is_out
     FROM transactions t INDEXED BY transactions_flow
     LEFT JOIN transfers p ON p.id = t.transfer_id
     LEFT JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = t.id THEN p.in_transaction_id ELSE p.out_transaction_id END
     WHERE t.removed = 0 AND t.date >= ? AND t.date <= ? AND t.account_id IN (SELECT value FROM json_each(?))
     ORDER BY t.date, t.id`,
  );
  const rows = statement.iterate(filter.from ?? '0000-01-01', filter.to ?? '9999-12-31', JSON.stringify(filter.accountIds));
  for (const raw of rows) {
    const row = raw as Parameters<typeof transactionRowToTransaction>[0] & {
      partner_id: number | null;
      partner_account_id: number;
      partner_date: string;
      partner_currency: string;
      is_out: number;
    };
    yield {
      ...transactionRowToTransaction({ ...row, transfer_account_id: row.partner_id === null ? null : row.partner_account_id }),
      partner:
        row.partner_id === null
          ? null
          : {
              id: row.partner_id,
              accountId: row.partner_account_id,
              date: row.partner_date,
              currency: row.partner_currency,
              rowIsOut: row.is_out === 1,
            },
      splits: splits.get(row.id) ?? null,
    };
  }
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
