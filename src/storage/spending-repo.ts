import type { Database as SqliteDatabase } from 'better-sqlite3';
import { foldCashFlow } from '../core/cash-flow';
import { flowSums } from './cash-flow-repo';
import { type SpentTable, spentTable } from '../core/spent';

/**
 * Spending as the dashboard shows it: the numbers of `finagg report` (core/cash-flow.ts)
 * for a span of days, through the date index.
 */
export interface CategorySpend {
  category: string;
  currency: string;
  /** Money out less refunds, pending charges included (core/spent.ts); only categories where more went out than came back. */
  cents: number;
  /** The part of it that is pending. */
  pendingCents: number;
}

/** What each category spent between two dates (both included), largest first (core/spent.ts). */
export function spendingByCategory(sqlite: SqliteDatabase, from: string, to: string): CategorySpend[] {
  const out: CategorySpend[] = [];
  for (const [category, byCurrency] of spentBetweenDates(sqlite, from, to)) {
    for (const [currency, s] of byCurrency) {
      if (s.spentCents > 0) out.push({ category, currency, cents: s.spentCents, pendingCents: s.pendingCents });
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

/** The spent table of a period (core/spent.ts): posted and pending rows, both by cash flow's rules. */
export function spentBetweenDates(sqlite: SqliteDatabase, from: string, to: string): SpentTable {
  return spentTable(flowSums(sqlite, from, to), flowSums(sqlite, from, to, { pending: true }));
}
