import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { FlowSum } from '../core/cash-flow';

/**
 * Whether a row is one side of a transfer between own accounts in one currency: such a
 * row is neither income nor spending (core/cash-flow.ts). A pair across currencies
 * counts on both sides: what left in euros and what came in as dollars are not the same
 * number.
 */
export const SAME_CURRENCY_PAIR = `CASE WHEN t.transfer_id IS NULL THEN 0 ELSE coalesce((
    SELECT o.currency = i.currency FROM transfers p
    JOIN transactions o ON o.id = p.out_transaction_id
    JOIN transactions i ON i.id = p.in_transaction_id
    WHERE p.id = t.transfer_id), 0) END`;

/**
 * The posted rows dated from `from` to `to` (both included) that count in cash flow,
 * summed by month, currency, category and direction. Read through the date index, so a
 * month costs the same on a home of a thousand rows as on one of a million.
 */
export function flowSums(sqlite: SqliteDatabase, from: string, to: string): FlowSum[] {
  const rows = sqlite
    .prepare(
      `SELECT substr(t.date, 1, 7) AS month, t.currency, t.category, t.amount_cents > 0 AS incoming, sum(t.amount_cents) AS cents
       FROM transactions t
       WHERE t.removed = 0 AND t.date BETWEEN ? AND ? AND t.pending = 0 AND NOT ${SAME_CURRENCY_PAIR}
       GROUP BY 1, 2, 3, 4`,
    )
    .all(from, to) as { month: string; currency: string; category: string; incoming: number; cents: number }[];
  return rows.map((r) => ({ ...r, incoming: r.incoming === 1 }));
}

/**
 * The posted rows counted in net worth from `sinceMonth` on, summed by month and
 * currency. A row counts in the month of its date, except the incoming side of a
 * same-currency transfer, which counts in its outgoing side's month (money in transit is
 * still the person's): the two sides cancel in one month, so a month's change of net
 * worth is its cash flow's net. Read through the date index from the month's start, and
 * the few incoming sides dated before it whose money left in it.
 */
export function worthSums(sqlite: SqliteDatabase, sinceMonth: string): { month: string; currency: string; cents: number }[] {
  const since = `${sinceMonth}-01`;
  return sqlite
    .prepare(
      `SELECT month, currency, sum(cents) AS cents FROM (
         SELECT t.amount_cents AS cents, t.currency,
                substr(CASE WHEN p.in_transaction_id = t.id AND o.currency = t.currency THEN o.date ELSE t.date END, 1, 7) AS month
         FROM transactions t
         LEFT JOIN transfers p ON p.id = t.transfer_id
         LEFT JOIN transactions o ON o.id = p.out_transaction_id
         WHERE t.removed = 0 AND t.pending = 0 AND t.date >= :since
         UNION ALL
         SELECT i.amount_cents, i.currency, substr(o.date, 1, 7)
         FROM transfers p
         JOIN transactions i ON i.id = p.in_transaction_id
         JOIN transactions o ON o.id = p.out_transaction_id
         WHERE i.removed = 0 AND i.pending = 0 AND i.date < :since AND o.date >= :since AND o.currency = i.currency)
       WHERE month >= :month
       GROUP BY month, currency`,
    )
    .all({ since, month: sinceMonth }) as { month: string; currency: string; cents: number }[];
}

/**
 * Per currency of open accounts: the sum of their balances, and the month from which every
 * account of it that has rows has them (null when none has).
 */
export function worthBases(sqlite: SqliteDatabase): { currency: string; cents: number; first: string | null }[] {
  return sqlite
    .prepare(
      `SELECT a.currency, sum(a.balance_cents) AS cents,
              max(f.first) AS first
       FROM accounts a
       LEFT JOIN (SELECT account_id, substr(min(date), 1, 7) AS first FROM transactions WHERE removed = 0 GROUP BY account_id) f
         ON f.account_id = a.id
       WHERE a.closed = 0
       GROUP BY a.currency`,
    )
    .all() as { currency: string; cents: number; first: string | null }[];
}
