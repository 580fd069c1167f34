/**
 * What a month's money was: income, spending by category, and net, per currency. The one
 * definition behind `finagg report`, `categories`, the dashboard's spending and trend
 * panels, so they cannot disagree.
 *
 * A transfer between own accounts in one currency is neither income nor spending. Every
 * other posted row counts: money in is income, or a refund where it has a spending
 * category; money out is spending by category, whatever the category (cash from an ATM,
 * money sent to people, a payment to a card finagg does not see, a transfer to an account
 * it does not know). So a month's net is the sum of its counted rows.
 */
export interface MonthReport {
  /** `YYYY-MM`. */
  month: string;
  currency: string;
  incomeCents: number;
  /** Money out less refunds (positive when more went out). */
  spendingCents: number;
  netCents: number;
  /** Spending less refunds by category (negative where refunds were larger). */
  byCategory: Record<string, number>;
  /**
   * Pending money out of the month (less pending refunds), not in `spending`: the books are
   * posted rows; spending + pending is what budgets and `categories` say (core/spent.ts).
   */
  pendingCents?: number;
  pendingByCategory?: Record<string, number>;
}

/** Top-level categories whose money in is income, not a refund. */
export const INCOME_LIKE: ReadonlySet<string> = new Set(['income', 'transfer', 'uncategorized']);

/** Counted rows summed by month, currency, category and direction (see cash-flow-repo.ts). */
export interface FlowSum {
  month: string;
  currency: string;
  category: string;
  /** The top-level category it sits under (itself when it is one): `paycheck` is income. */
  top: string;
  incoming: boolean;
  cents: number;
}

/** Folds the sums into one report per month and currency, in month then currency order. */
export function foldCashFlow(sums: readonly FlowSum[]): MonthReport[] {
  const reports = new Map<string, MonthReport>();
  for (const s of sums) {
    const key = `${s.month}|${s.currency}`;
    let report = reports.get(key);
    if (!report) {
      report = { month: s.month, currency: s.currency, incomeCents: 0, spendingCents: 0, netCents: 0, byCategory: {} };
      reports.set(key, report);
    }
    if (s.incoming && INCOME_LIKE.has(s.top)) report.incomeCents += s.cents;
    else {
      report.spendingCents -= s.cents;
      report.byCategory[s.category] = (report.byCategory[s.category] ?? 0) - s.cents;
    }
  }
  for (const report of reports.values()) report.netCents = report.incomeCents - report.spendingCents;
  return [...reports.values()].sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}

/**
 * The pending part beside the books: each month and currency's pending money out (folded
 * like the posted rows), attached to its report, or a report of its own with no posted
 * money when the month has only pending rows.
 */
export function withPending(reports: readonly MonthReport[], pending: readonly FlowSum[]): MonthReport[] {
  const byKey = new Map(reports.map((r) => [`${r.month}|${r.currency}`, { ...r }]));
  for (const p of foldCashFlow(pending)) {
    const key = `${p.month}|${p.currency}`;
    const report = byKey.get(key) ?? {
      month: p.month,
      currency: p.currency,
      incomeCents: 0,
      spendingCents: 0,
      netCents: 0,
      byCategory: {},
    };
    report.pendingCents = p.spendingCents;
    report.pendingByCategory = p.byCategory;
    byKey.set(key, report);
  }
  return [...byKey.values()].sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}
