import { foldCashFlow, type MonthReport, withPending } from '../core/cash-flow';
import { addMonths, localDate } from '../core/dates';
import { flowSums, worthBases, worthSums } from '../storage/cash-flow-repo';
import { categoryParents } from '../storage/categories-repo';
import type { AppContext } from './context';

/**
 * Cash flow per month and currency (`finagg report`, defined in core/cash-flow.ts), and
 * net worth at each month end (`finagg report networth`), from the stored rows and the
 * accounts' current balances.
 */
export type { MonthReport };

export function cashFlow(ctx: AppContext, range: { from?: string; to?: string; top?: boolean } = {}): MonthReport[] {
  const [from, to] = [`${range.from ?? '0000-01'}-01`, `${range.to ?? '9999-12'}-31`];
  // The books, and beside them what is pending (few rows), so report + pending = spent.
  const reports = withPending(foldCashFlow(flowSums(ctx.sqlite, from, to)), flowSums(ctx.sqlite, from, to, { pending: true }));
  if (!range.top) return reports;
  // By top-level category: `food` is groceries, dining, coffee and its own rows together.
  const parents = categoryParents(ctx.sqlite);
  return reports.map((r) => {
    const byTop = (from: Record<string, number>) => {
      const out: Record<string, number> = {};
      for (const [category, cents] of Object.entries(from)) {
        const top = parents.get(category) ?? category;
        out[top] = (out[top] ?? 0) + cents;
      }
      return out;
    };
    return {
      ...r,
      byCategory: byTop(r.byCategory),
      ...(r.pendingByCategory ? { pendingByCategory: byTop(r.pendingByCategory) } : {}),
    };
  });
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
  const bases = worthBases(ctx.sqlite);
  const firsts = bases.map((b) => b.first).filter((f): f is string => f !== null);
  if (firsts.length === 0) return [];
  // Only the months after the first one asked for are needed: net worth at the end of m
  // is today's less what was counted after m.
  const earliest = [range.from ?? '0000-01', firsts.reduce((a, b) => (a < b ? a : b))].reduce((a, b) => (a > b ? a : b));
  const sums = worthSums(ctx.sqlite, earliest);
  const thisMonth = localDate(ctx.clock.nowMs(), ctx.timeZone).slice(0, 7);
  const out: NetWorthPoint[] = [];
  for (const { currency, cents, first } of bases) {
    if (first === null) continue;
    const byMonth = new Map(sums.filter((s) => s.currency === currency).map((s) => [s.month, s.cents]));
    const last = [...byMonth.keys(), thisMonth].reduce((a, b) => (a > b ? a : b));
    const from = [first, range.from ?? '0000-01'].reduce((a, b) => (a > b ? a : b));
    let worth = cents;
    for (let m = last; m >= from; m = addMonths(m, -1)) {
      // Every month end, those without rows too: the worth did not move in them.
      if (m <= (range.to ?? '9999-12')) out.push({ month: m, currency, netWorthCents: worth });
      worth -= byMonth.get(m) ?? 0;
    }
  }
  return out.sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}
