import type { Account } from '../../core/connection';
import { div, formatRational } from '../../core/fx/rational';
import type { RateBook } from '../../core/fx/rate-book';
import { rateBookFor } from './rate-book';
import type { AppContext } from '../context';
import { homeCurrency } from './home-currency';

/** A price of one unit of a currency in the home currency, on a day. */
export interface ExportPrice {
  date: string;
  currency: string;
  /** Decimal text: exact where the cross rate has a finite decimal, else to 10 places. */
  price: string;
  home: string;
}

/** Places of a cross rate that has no exact decimal: a cent's error needs a hundred billion units. */
const PRICE_PLACES = 10;

/**
 * The rates an export used, as prices in the home currency: for each other currency of the
 * exported accounts, every day either its rate or the home currency's changes, from the
 * rate in force on the first day to the last day exported, so that `hledger bal -X <home>
 * -e <date>` (or ledger's) values each balance at the rate finagg uses that day.
 */
export async function exportPrices(
  ctx: AppContext,
  accounts: readonly Account[],
  range: { from: string; to: string },
  book: RateBook = rateBookFor(ctx),
): Promise<ExportPrice[]> {
  const currencies = [...new Set(accounts.map((a) => a.currency))];
  if (currencies.length < 2) return [];
  const { currency: home } = await homeCurrency(ctx, accounts, book);
  const prices: ExportPrice[] = [];
  for (const currency of currencies.filter((c) => c !== home).sort()) {
    const days = new Set([...book.days(currency), ...book.days(home)].filter((d) => d > range.from && d <= range.to));
    const first = [book.rateOn(currency, range.from)?.date, book.rateOn(home, range.from)?.date].filter(
      (d): d is string => d !== undefined,
    );
    if (first.length > 0) days.add(first.reduce((a, b) => (a > b ? a : b)));
    for (const date of [...days].sort()) {
      const a = book.rateOn(currency, date);
      const b = book.rateOn(home, date);
      if (!a || !b) continue;
      prices.push({ date, currency, price: formatRational(div(b.perEur, a.perEur), PRICE_PLACES), home });
    }
  }
  return prices.sort((x, y) => x.date.localeCompare(y.date) || x.currency.localeCompare(y.currency));
}
