import type { Account } from '../../core/connection';
import { HomeFigure, type RateBook } from '../../core/fx/rate-book';
import type { CategorySpend } from '../../storage/spending-repo';
import type { AppContext } from '../context';
import type { MonthlyTrend } from '../dashboard';
import { homeValues } from './account-values';
import { homeNetWorth } from './home-report';

/**
 * The dashboard in the home currency: one net worth in the header, one scale for the
 * spending bars (dollars and euros side by side at the same length would mislead), one
 * trend. A currency without a rate keeps its own figures beside the home ones, never
 * counted as zero. With one currency in use nothing changes.
 */

/** The header's net worth: the home total, then any currency that could not be counted. */
export async function homeHeaderWorth(
  ctx: AppContext,
  accounts: readonly Account[],
  book: RateBook,
  perCurrency: [string, number][],
): Promise<{ worth: [string, number][]; rateDate: string | null }> {
  if (perCurrency.length < 2) return { worth: perCurrency, rateDate: null };
  const values = await homeValues(ctx, accounts, book);
  return {
    worth: [[values.home, values.netWorthCents], ...perCurrency.filter(([c]) => values.missing.includes(c))],
    rateDate: values.rateDate,
  };
}

/** This month's spending per category in the home currency, at today's rate. */
export function homeSpending(spending: readonly CategorySpend[], home: string, book: RateBook, today: string): CategorySpend[] {
  if (new Set(spending.map((s) => s.currency)).size < 2 && (spending[0]?.currency ?? home) === home) return [...spending];
  const byCategory = new Map<string, { spent: HomeFigure; pending: HomeFigure }>();
  const kept: CategorySpend[] = [];
  for (const s of spending) {
    if (!book.factor(s.currency, home, today)) {
      kept.push(s);
      continue;
    }
    let figure = byCategory.get(s.category);
    if (!figure)
      byCategory.set(s.category, (figure = { spent: new HomeFigure(book, home), pending: new HomeFigure(book, home) }));
    figure.spent.add(s.cents, s.currency, today);
    figure.pending.add(s.pendingCents, s.currency, today);
  }
  const converted = [...byCategory].map(([category, figure]) => ({
    category,
    currency: home,
    cents: figure.spent.cents(),
    pendingCents: figure.pending.cents(),
  }));
  return [...converted, ...kept].filter((s) => s.cents > 0).sort((a, b) => b.cents - a.cents);
}

/** The trend's series folded into one in the home currency: each month at its month end's rate. */
export function homeSpendingTrend(trends: readonly MonthlyTrend[], home: string, book: RateBook, today: string): MonthlyTrend[] {
  if (trends.length < 2 && (trends[0]?.currency ?? home) === home) return [...trends];
  const convertible = trends.filter((t) => t.months.every((m) => book.factor(t.currency, home, monthEnd(m.month, today))));
  if (convertible.length === 0) return [...trends];
  const months = convertible[0]!.months.map((m) => m.month);
  const series: MonthlyTrend = {
    currency: home,
    months: months.map((month) => {
      const figure = new HomeFigure(book, home);
      for (const t of convertible)
        figure.add(t.months.find((m) => m.month === month)?.cents ?? 0, t.currency, monthEnd(month, today));
      return { month, cents: figure.cents() };
    }),
  };
  return [series, ...trends.filter((t) => !convertible.includes(t))];
}

/** The net-worth trend as `report networth --home` gives it. */
export async function homeWorthTrend(
  ctx: AppContext,
  trends: readonly MonthlyTrend[],
  months: readonly string[],
  book: RateBook,
): Promise<MonthlyTrend[]> {
  if (trends.length < 2) return [...trends];
  const view = await homeNetWorth(ctx, { from: months[0], to: months.at(-1) }, book);
  if (view.rows.length === 0) return [...trends];
  return [
    { currency: view.home, months: view.rows.map((r) => ({ month: r.month, cents: r.netWorthCents })) },
    ...trends.filter((t) => view.missing.includes(t.currency)),
  ];
}

function monthEnd(month: string, today: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return last < today ? last : today;
}
