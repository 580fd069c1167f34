import type { Database as SqliteDatabase } from 'better-sqlite3';
import { foldCashFlow } from '../core/cash-flow';
import { flowSums } from './cash-flow-repo';

/**
 * Spending as the dashboard shows it: the numbers of `finagg report` (core/cash-flow.ts)
 * for a span of days, through the date index.
 */
export interface CategorySpend {
  category: string;
  currency: string;
  /** Money out less refunds; only categories where more went out than came back. */
  cents: number;
}

/** Spending per category between two dates (both included), largest first. */
export function spendingByCategory(sqlite: SqliteDatabase, from: string, to: string): CategorySpend[] {
  const out: CategorySpend[] = [];
  for (const report of foldCashFlow(flowSums(sqlite, from, to))) {
    for (const [category, cents] of Object.entries(report.byCategory)) {
      if (cents > 0) out.push({ category, currency: report.currency, cents });
    }
  }
  return out.sort((a, b) => b.cents - a.cents || a.category.localeCompare(b.category));
}

export interface MonthSpend {
  /** `YYYY-MM`. */
  month: string;
  currency: string;
  cents: number;
}

/** Spending per month and currency between two dates (both included). */
export function spendingByMonth(sqlite: SqliteDatabase, from: string, to: string): MonthSpend[] {
  return foldCashFlow(flowSums(sqlite, from, to)).map((r) => ({ month: r.month, currency: r.currency, cents: r.spendingCents }));
}
