import type { AppContext } from './context';

/**
 * Cash flow per month and currency (`finagg report`), and net worth at each month end
 * (`finagg report networth`), from the stored rows and the accounts' current balances.
 *
 * A transfer between own accounts in one currency is neither income nor spending, and its
 * side coming in counts in the month its money left (money in transit is still the
 * person's), so the two sides cancel in one month. Every other row counts: money in is
 * income, or a refund where it has a spending category; money out is spending by
 * category, whatever the category (cash, money sent to people, an unmatched payment).
 * So a month's net is the sum of its rows, and net worth moves by exactly that.
 */
export interface MonthReport {
  month: string;
  currency: string;
  incomeCents: number;
  spendingCents: number;
  netCents: number;
  /** Spending less refunds by category (negative where refunds were larger). */
  byCategory: Record<string, number>;
}

/** Categories whose money in is income, not a refund. */
const INCOME_LIKE = new Set(['income', 'transfer', 'uncategorized']);

/**
 * Each posted row with the month it counts in: the month of its own date, or for the
 * incoming side of a same-currency transfer the month of the outgoing side.
 */
const COUNTED_ROWS = `
  SELECT t.amount_cents AS cents, t.currency, t.category,
         substr(CASE WHEN p.id IS NOT NULL AND p.in_transaction_id = t.id THEN o.date ELSE t.date END, 1, 7) AS month,
         CASE WHEN p.id IS NOT NULL AND o.currency = i.currency THEN 1 ELSE 0 END AS paired
  FROM transactions t
  LEFT JOIN transfers p ON p.id = t.transfer_id
  LEFT JOIN transactions o ON o.id = p.out_transaction_id
  LEFT JOIN transactions i ON i.id = p.in_transaction_id
  WHERE t.removed = 0 AND t.pending = 0`;

export function cashFlow(ctx: AppContext, range: { from?: string; to?: string } = {}): MonthReport[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT month, currency, category, paired, cents > 0 AS incoming, sum(cents) AS cents
       FROM (${COUNTED_ROWS})
       WHERE month BETWEEN ? AND ?
       GROUP BY month, currency, category, paired, incoming
       ORDER BY month, currency`,
    )
    .all(range.from ?? '0000-00', range.to ?? '9999-99') as {
    month: string;
    currency: string;
    category: string;
    paired: number;
    incoming: number;
    cents: number;
  }[];
  const reports = new Map<string, MonthReport>();
  for (const r of rows) {
    const key = `${r.month}|${r.currency}`;
    let report = reports.get(key);
    if (!report) {
      report = { month: r.month, currency: r.currency, incomeCents: 0, spendingCents: 0, netCents: 0, byCategory: {} };
      reports.set(key, report);
    }
    if (r.paired === 1) continue;
    if (r.incoming === 1 && INCOME_LIKE.has(r.category)) report.incomeCents += r.cents;
    else {
      report.spendingCents -= r.cents;
      report.byCategory[r.category] = (report.byCategory[r.category] ?? 0) - r.cents;
    }
  }
  for (const report of reports.values()) report.netCents = report.incomeCents - report.spendingCents;
  return [...reports.values()];
}

export interface NetWorthPoint {
  month: string;
  currency: string;
  netWorthCents: number;
}

/**
 * Net worth at each month end, per currency: today's balances less what was counted in
 * the months after (COUNTED_ROWS). Months before an account's first stored row are left
 * out for its currency: its balance then is not known from the rows.
 */
export function netWorth(ctx: AppContext, range: { from?: string; to?: string } = {}): NetWorthPoint[] {
  const balances = ctx.sqlite
    .prepare('SELECT currency, sum(balance_cents) AS cents FROM accounts WHERE closed = 0 GROUP BY currency')
    .all() as { currency: string; cents: number }[];
  const firstMonths = new Map(
    (
      ctx.sqlite
        .prepare(
          `SELECT a.currency, max(first) AS first FROM accounts a
           JOIN (SELECT account_id, substr(min(date), 1, 7) AS first FROM transactions WHERE removed = 0 GROUP BY account_id) f
             ON f.account_id = a.id
           WHERE a.closed = 0 GROUP BY a.currency`,
        )
        .all() as { currency: string; first: string }[]
    ).map((r) => [r.currency, r.first]),
  );
  const sums = ctx.sqlite
    .prepare(`SELECT month, currency, sum(cents) AS cents FROM (${COUNTED_ROWS}) GROUP BY month, currency ORDER BY month DESC`)
    .all() as { month: string; currency: string; cents: number }[];
  const out: NetWorthPoint[] = [];
  for (const { currency, cents } of balances) {
    let worth = cents;
    const months = sums.filter((s) => s.currency === currency);
    const first = firstMonths.get(currency);
    for (const m of months) {
      // Net worth at the end of m: today's, less what came after m.
      if (first !== undefined && m.month >= first && m.month >= (range.from ?? '0000-00') && m.month <= (range.to ?? '9999-99')) {
        out.push({ month: m.month, currency, netWorthCents: worth });
      }
      worth -= m.cents;
    }
  }
  return out.sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}
