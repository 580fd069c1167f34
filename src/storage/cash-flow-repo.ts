import { partsCountSql } from './splits-repo';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { FlowSum } from '../core/cash-flow';
import { categoryParents } from './categories-repo';

/**
 * The reads behind cash flow and net worth (core/cash-flow.ts, app/report.ts). Both go
 * through the covering index `transactions_flow` (date, category, currency, amount,
 * transfer), grouped in its order so SQLite streams instead of sorting, and fold the
 * days into months here: ten years of a million rows in a few hundred milliseconds.
 */

/** The pairs whose two sides are in different currencies: both sides count (what left in euros is not the dollars that came). */
const CROSS_CURRENCY_SIDES = `
  SELECT t.date, t.category, t.currency, t.amount_cents
  FROM transfers p
  JOIN transactions o ON o.id = p.out_transaction_id
  JOIN transactions i ON i.id = p.in_transaction_id
  JOIN transactions t ON t.id = o.id OR t.id = i.id
  WHERE o.currency <> i.currency AND t.removed = 0 AND t.pending = ? AND t.date BETWEEN ? AND ?`;

/** The sides of transfers whose two rows are in different currencies, dated from `from` to `to`. */
export function crossCurrencySides(
  sqlite: SqliteDatabase,
  from: string,
  to: string,
  pending: 0 | 1 = 0,
): [date: string, category: string, currency: string, cents: number][] {
  return sqlite.prepare(CROSS_CURRENCY_SIDES).raw().all(pending, from, to) as [string, string, string, number][];
}

/**
 * The parts of split rows that count in cash flow, each row's parts together. Parts that
 * no longer sum to their row (the bank changed its amount) do not count: the row counts
 * whole in its own category until the person splits it again, so totals stay the rows'.
 * CROSS JOIN keeps SQLite's join order: the few split rows lead, not a scan of the range.
 */
const SPLIT_ROWS = `
  SELECT t.date, t.category, t.currency, t.amount_cents, s.category, s.amount_cents, t.id
  FROM transaction_splits s
  CROSS JOIN transactions t ON t.id = s.transaction_id
  WHERE t.removed = 0 AND t.pending = ? AND t.transfer_id IS NULL AND t.date BETWEEN ? AND ?
    AND ${partsCountSql('t')}
  ORDER BY t.id, s.position`;

/**
 * The posted rows dated from `from` to `to` (both included) that count in cash flow,
 * summed by month, currency, category and direction: every row but the sides of a
 * transfer between own accounts in one currency.
 */
export function flowSums(
  sqlite: SqliteDatabase,
  from: string,
  to: string,
  options: {
    /** Sum by day instead of month (`month` then holds the date): for conversion at each day's rate. */
    byDay?: boolean;
    /** Count the sides of transfers between currencies (the books do; the home-currency view does not). */
    crossCurrency?: boolean;
    /** The pending rows instead of the posted ones: money committed, not yet in the books (core/spent.ts). */
    pending?: boolean;
  } = {},
): FlowSum[] {
  const sums = new Map<string, FlowSum>();
  const parents = categoryParents(sqlite);
  const pending = options.pending ? 1 : 0;
  const add = (date: string, category: string, currency: string, incoming: boolean, cents: number) => {
    if (cents === 0) return;
    const month = options.byDay ? date : date.slice(0, 7);
    const key = `${month}\u001f${currency}\u001f${category}\u001f${incoming ? 1 : 0}`;
    const sum = sums.get(key);
    if (sum) sum.cents += cents;
    else sums.set(key, { month, currency, category, top: parents.get(category) ?? category, incoming, cents });
  };
  const days = sqlite
    .prepare(
      `SELECT date, category, currency,
              sum(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END),
              sum(CASE WHEN amount_cents < 0 THEN amount_cents ELSE 0 END)
       FROM transactions INDEXED BY ${pending ? 'transactions_pending' : 'transactions_flow'}
       WHERE removed = 0 AND pending = ${pending} AND date BETWEEN ? AND ? AND transfer_id IS NULL
       GROUP BY date, category, currency`,
    )
    .raw()
    // The posted rows stream through the covering index (partial: posted only); the pending ones
    // through their own small partial index, never a scan of the date range (all of history in a report).
    .iterate(from, to) as IterableIterator<[string, string, string, number, number]>;
  for (const [date, category, currency, incoming, outgoing] of days) {
    add(date, category, currency, true, incoming);
    add(date, category, currency, false, outgoing);
  }
  if (options.crossCurrency !== false) {
    for (const [date, category, currency, cents] of crossCurrencySides(sqlite, from, to, pending))
      add(date, category, currency, cents > 0, cents);
  }
  // A split row counts as its parts: out of its own category, into each part's (few rows).
  type SplitRow = [date: string, category: string, currency: string, cents: number, part: string, partCents: number, id: number];
  const split = sqlite.prepare(SPLIT_ROWS).raw().all(pending, from, to) as SplitRow[];
  let last: number | undefined;
  for (const [date, category, currency, cents, partCategory, partCents, id] of split) {
    if (id !== last) add(date, category, currency, cents > 0, -cents);
    last = id;
    add(date, partCategory, currency, partCents > 0, partCents);
  }
  return [...sums.values()];
}

/**
 * The posted rows counted in net worth from `sinceMonth` on, summed by month and
 * currency. A row counts in the month of its date, except the incoming side of a
 * same-currency transfer, which counts in its outgoing side's month (money in transit is
 * still the person's): the two sides cancel in one month, so a month's change of net
 * worth is its cash flow's net.
 */
export function worthSums(sqlite: SqliteDatabase, sinceMonth: string): { month: string; currency: string; cents: number }[] {
  const since = `${sinceMonth}-01`;
  const sums = new Map<string, { month: string; currency: string; cents: number }>();
  const add = (month: string, currency: string, cents: number) => {
    if (month < sinceMonth) return;
    const key = `${month}\u001f${currency}`;
    const sum = sums.get(key);
    if (sum) sum.cents += cents;
    else sums.set(key, { month, currency, cents });
  };
  const days = sqlite
    .prepare(
      `SELECT date, currency, sum(amount_cents)
       FROM transactions INDEXED BY transactions_flow
       WHERE removed = 0 AND pending = 0 AND date >= ?
       GROUP BY date, category, currency`,
    )
    .raw()
    .iterate(since) as IterableIterator<[string, string, number]>;
  for (const [date, currency, cents] of days) add(date.slice(0, 7), currency, cents);
  // Incoming sides that arrived in another month than their money left: moved to that month.
  const moved = sqlite
    .prepare(
      `SELECT i.date, o.date, i.currency, i.amount_cents
       FROM transfers p
       JOIN transactions o ON o.id = p.out_transaction_id
       JOIN transactions i ON i.id = p.in_transaction_id
       WHERE o.currency = i.currency AND i.removed = 0 AND i.pending = 0 AND substr(i.date, 1, 7) <> substr(o.date, 1, 7)`,
    )
    .raw()
    .all() as [string, string, string, number][];
  for (const [inDate, outDate, currency, cents] of moved) {
    if (inDate >= since) add(inDate.slice(0, 7), currency, -cents);
    add(outDate.slice(0, 7), currency, cents);
  }
  return [...sums.values()];
}

/**
 * Per currency of open accounts: the sum of their balances, and the month from which every
 * account of it that has rows has them (null when none has).
 */
export function worthBases(sqlite: SqliteDatabase): { currency: string; cents: number; first: string | null }[] {
  return sqlite
    .prepare(
      `SELECT a.currency, sum(a.balance_cents) AS cents, max(f.first) AS first
       FROM accounts a
       LEFT JOIN (SELECT account_id, substr(min(date), 1, 7) AS first FROM transactions WHERE removed = 0 GROUP BY account_id) f
         ON f.account_id = a.id
       WHERE a.closed = 0
       GROUP BY a.currency`,
    )
    .all() as { currency: string; cents: number; first: string | null }[];
}
