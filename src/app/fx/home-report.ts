import { INCOME_LIKE } from '../../core/cash-flow';
import { addMonths, localDate } from '../../core/dates';
import { HomeFigure, type RateBook } from '../../core/fx/rate-book';
import { type Rational, roundHalfEven } from '../../core/fx/rational';
import { crossCurrencySides, flowSums } from '../../storage/cash-flow-repo';
import { categoryParents } from '../../storage/categories-repo';
import { listAccounts } from '../../storage/accounts-repo';
import { rateBookFor } from './rate-book';
import type { AppContext } from '../context';
import { netWorth } from '../report';
import { homeCurrency } from './home-currency';

/**
 * The books in one currency (`report --home`, `report networth --home`). Every figure is
 * summed exactly from integer minor units, each amount at the rate of its own day (a row
 * at its date's, a month-end net worth at that day's), and rounded once. The books
 * themselves (rows, per-currency reports) never change when rates do.
 */

export interface HomeNetWorthPoint {
  month: string;
  currency: string;
  netWorthCents: number;
  /** Each currency's month-end net worth, in its own currency. */
  byCurrency: Record<string, number>;
  /** The rate used for each other currency: its day and units per euro. */
  rates: { currency: string; date: string; perEur: Rational }[];
  /** The exact value before rounding, for the month after it (fx). */
  exact: Rational;
}

export interface HomeMonthReport {
  month: string;
  currency: string;
  incomeCents: number;
  spendingCents: number;
  netCents: number;
  byCategory: Record<string, number>;
  /**
   * What exchange rates did to net worth in the home currency this month: the conversion
   * difference of transfers between own accounts in two currencies, and the change in
   * value of money held in other currencies. income - spending + fx = the change of net
   * worth in the home currency. Null when a month end's net worth is not known.
   */
  fxCents: number | null;
  /** The part of fx that is transfers between currencies: their two sides, each at its day's rate. */
  fxTransfersCents: number;
}

export interface HomeView<T> {
  home: string;
  /** Chosen just now as the currency holding most of the money (say so once). */
  chosen: boolean;
  rows: T[];
  /** Currencies without a rate on a day they were needed: those amounts are not counted. */
  missing: string[];
}

async function homeOf(ctx: AppContext, book: RateBook) {
  return homeCurrency(ctx, await listAccounts(ctx.db), book);
}

/** The last day of a month, or today for the month that is not over. */
function monthEnd(month: string, today: string): string {
  const next = `${addMonths(month, 1)}-01`;
  const last = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return last < today ? last : today;
}

/**
 * Net worth at each month end in the home currency: each currency's month-end net worth
 * (report.ts) at that day's rate. A month is given only when every currency's net worth
 * is known at its end (from each currency's first stored month on).
 */
export async function homeNetWorth(
  ctx: AppContext,
  range: { from?: string; to?: string } = {},
  book: RateBook = rateBookFor(ctx),
): Promise<HomeView<HomeNetWorthPoint>> {
  const { currency: home, chosen } = await homeOf(ctx, book);
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const points = netWorth(ctx, range);
  const currencies = new Set(points.map((p) => p.currency));
  const byMonth = new Map<string, Map<string, number>>();
  for (const p of points) {
    const m = byMonth.get(p.month) ?? new Map<string, number>();
    m.set(p.currency, p.netWorthCents);
    byMonth.set(p.month, m);
  }
  const missing = new Set<string>();
  const rows: HomeNetWorthPoint[] = [];
  for (const [month, worth] of [...byMonth].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (worth.size < currencies.size) continue;
    const end = monthEnd(month, today);
    const figure = new HomeFigure(book, home);
    const rates: HomeNetWorthPoint['rates'] = [];
    for (const [currency, cents] of worth) {
      figure.add(cents, currency, end);
      // The euro is 1 by definition: only the stored rates used are listed.
      if (currency !== home && currency !== 'EUR') {
        const rate = book.rateOn(currency, end);
        if (rate) rates.push({ currency, date: rate.date, perEur: rate.perEur });
      }
    }
    if (home !== 'EUR' && [...worth.keys()].some((c) => c !== home)) {
      const rate = book.rateOn(home, end);
      if (rate) rates.push({ currency: home, date: rate.date, perEur: rate.perEur });
    }
    const exact = figure.value();
    for (const c of figure.missing) missing.add(c);
    if (figure.missing.size > 0) continue;
    rows.push({
      month,
      currency: home,
      netWorthCents: roundHalfEven(exact),
      byCurrency: Object.fromEntries([...worth].sort((a, b) => a[0].localeCompare(b[0]))),
      rates: rates.sort((a, b) => a.currency.localeCompare(b.currency)),
      exact,
    });
  }
  return { home, chosen, rows, missing: [...missing].sort() };
}

/**
 * Cash flow in the home currency, each row at its own day's rate. A transfer between own
 * accounts in two currencies is neither income nor spending: its two sides, converted,
 * are what the conversion made or cost (`fxTransfersCents`). `fxCents` is the whole of
 * what rates did, so that income - spending + fx is the change of the month-end net worth
 * in the home currency, to the cent.
 */
export async function homeCashFlow(
  ctx: AppContext,
  range: { from?: string; to?: string; top?: boolean } = {},
  book: RateBook = rateBookFor(ctx),
): Promise<HomeView<HomeMonthReport>> {
  const from = `${range.from ?? '0000-01'}-01`;
  const to = `${range.to ?? '9999-12'}-31`;
  const days = flowSums(ctx.sqlite, from, to, { byDay: true, crossCurrency: false });
  const worth = await homeNetWorth(
    ctx,
    { ...range, from: range.from === undefined ? undefined : addMonths(range.from, -1) },
    book,
  );
  const { home, chosen } = worth;
  const parents = range.top ? categoryParents(ctx.sqlite) : undefined;
  interface Month {
    income: HomeFigure;
    spending: HomeFigure;
    byCategory: Map<string, HomeFigure>;
    transfers: HomeFigure;
  }
  const months = new Map<string, Month>();
  const monthOf = (month: string): Month => {
    let m = months.get(month);
    if (!m) {
      m = {
        income: new HomeFigure(book, home),
        spending: new HomeFigure(book, home),
        byCategory: new Map(),
        transfers: new HomeFigure(book, home),
      };
      months.set(month, m);
    }
    return m;
  };
  for (const s of days) {
    const m = monthOf(s.month.slice(0, 7));
    if (s.incoming && INCOME_LIKE.has(s.top)) {
      m.income.add(s.cents, s.currency, s.month);
      continue;
    }
    m.spending.add(-s.cents, s.currency, s.month);
    const category = parents?.get(s.category) ?? s.category;
    let figure = m.byCategory.get(category);
    if (!figure) m.byCategory.set(category, (figure = new HomeFigure(book, home)));
    figure.add(-s.cents, s.currency, s.month);
  }
  for (const [date, , currency, cents] of crossCurrencySides(ctx.sqlite, from, to)) {
    monthOf(date.slice(0, 7)).transfers.add(cents, currency, date);
  }
  const worthByMonth = new Map(worth.rows.map((r) => [r.month, r]));
  // A month without rows still has what rates did to the money held.
  for (const r of worth.rows)
    if ((range.from === undefined || r.month >= range.from) && r.month <= (range.to ?? '9999-12')) monthOf(r.month);
  const missing = new Set(worth.missing);
  const rows: HomeMonthReport[] = [];
  for (const [month, m] of [...months].sort((a, b) => a[0].localeCompare(b[0]))) {
    const incomeCents = m.income.cents();
    const spendingCents = m.spending.cents();
    const byCategory: Record<string, number> = {};
    for (const [category, figure] of m.byCategory) {
      const cents = figure.cents();
      if (cents !== 0) byCategory[category] = cents;
      for (const c of figure.missing) missing.add(c);
    }
    for (const f of [m.income, m.spending, m.transfers]) for (const c of f.missing) missing.add(c);
    const end = worthByMonth.get(month);
    const before = worthByMonth.get(addMonths(month, -1));
    // The change of the net worth as shown (each month end rounded once), so the line adds up exactly.
    const fxCents = end && before ? end.netWorthCents - before.netWorthCents - (incomeCents - spendingCents) : null;
    rows.push({
      month,
      currency: home,
      incomeCents,
      spendingCents,
      netCents: incomeCents - spendingCents,
      byCategory,
      fxCents,
      fxTransfersCents: m.transfers.cents(),
    });
  }
  return { home, chosen, rows, missing: [...missing].sort() };
}
