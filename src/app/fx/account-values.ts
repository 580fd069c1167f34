import type { Account } from '../../core/connection';
import { HomeFigure, isOldRate, type RateBook } from '../../core/fx/rate-book';
import { utcDate } from '../../core/dates';
import { rateBookFor } from './rate-book';
import type { AppContext } from '../context';
import { homeCurrency } from './home-currency';

/** Accounts valued in the home currency: each balance at today's rate, and one net worth. */
export interface HomeValues {
  home: string;
  /** Set when the home currency was chosen just now (say so once). */
  chosen: boolean;
  /** By account id: the balance in the home currency, null when its currency has no rate. */
  byAccount: Map<number, number | null>;
  netWorthCents: number;
  /** The day of the oldest rate used (null when every account is in the home currency). */
  rateDate: string | null;
  /** Said when the oldest rate used is more than a week older than today. */
  old: boolean;
  /** Currencies with no rate by today: not counted in the net worth. */
  missing: string[];
}

export async function homeValues(ctx: AppContext, accounts: readonly Account[], book?: RateBook): Promise<HomeValues> {
  const rates = book ?? rateBookFor(ctx);
  const { currency: home, chosen } = await homeCurrency(ctx, accounts, rates);
  const today = utcDate(ctx.clock.nowMs());
  const total = new HomeFigure(rates, home);
  const byAccount = new Map<number, number | null>();
  for (const a of accounts) {
    const one = new HomeFigure(rates, home);
    one.add(a.balanceCents, a.currency, today);
    const cents = one.cents();
    byAccount.set(a.id, one.missing.size > 0 ? null : cents);
    total.add(a.balanceCents, a.currency, today);
  }
  const netWorthCents = total.cents();
  const rateDate = total.oldestRate ?? null;
  return {
    home,
    chosen,
    byAccount,
    netWorthCents,
    rateDate,
    old: rateDate !== null && isOldRate(rateDate, today),
    missing: [...total.missing].sort(),
  };
}

/** How to get a rate for a currency that has none. */
export function missingRateHint(currencies: readonly string[]): string {
  return `no rate for ${currencies.join(', ')}: finagg rates update, or finagg rates import <file> (ECB CSV/XML or P directives)`;
}
