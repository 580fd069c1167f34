import type { Account } from '../../core/connection';
import { type RateBook } from '../../core/fx/rate-book';
import { toNumber } from '../../core/fx/rational';
import { utcDate } from '../../core/dates';
import type { AppContext } from '../context';
import { getSettings, setSetting } from '../settings';

export interface HomeCurrency {
  currency: string;
  /** Chosen now, as the currency holding most of the money (the caller says so, once: it is stored). */
  chosen: boolean;
}

/**
 * The currency of the one net worth: `currency.home`, or, unset, the currency holding most
 * of the money (assets valued in euros at the latest rates), stored so that it does not
 * flip as rates move, and said once by the caller. While a currency has no rate the money
 * cannot be compared: the currency most accounts are in stands in, unstored. With one
 * currency in use it is that one, and nothing is stored.
 */
export async function homeCurrency(ctx: AppContext, accounts: readonly Account[], book: RateBook): Promise<HomeCurrency> {
  const set = (await getSettings(ctx))['currency.home'];
  if (set !== null) return { currency: set, chosen: false };
  const assets = new Map<string, number>();
  for (const a of accounts) assets.set(a.currency, (assets.get(a.currency) ?? 0) + Math.max(0, a.balanceCents));
  if (assets.size === 0) return { currency: 'EUR', chosen: false };
  if (assets.size === 1) return { currency: [...assets.keys()][0]!, chosen: false };
  const today = utcDate(ctx.clock.nowMs());
  const inEuros = (currency: string, cents: number): number => {
    const f = book.factor(currency, 'EUR', today);
    return f ? toNumber(f.factor) * cents : -Infinity;
  };
  // Without a rate for every currency the money cannot be compared (dollars are not
  // euros): the currency most accounts are in serves for now, and nothing is stored, so
  // the first rates choose for good instead of whichever currency happened to have one.
  if ([...assets.keys()].some((c) => !book.factor(c, 'EUR', today))) {
    const count = new Map<string, number>();
    for (const a of accounts) count.set(a.currency, (count.get(a.currency) ?? 0) + 1);
    const [currency] = [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    return { currency, chosen: false };
  }
  const [currency] = [...assets].sort(
    (a, b) => inEuros(b[0], b[1]) - inEuros(a[0], a[1]) || b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0]!;
  await setSetting(ctx, 'currency.home', currency);
  return { currency, chosen: true };
}

/** The line that says a home currency was chosen (once). */
export function chosenNotice(home: string): string {
  return `home currency: ${home}, the currency holding most of your money (change it: finagg config set currency.home <code>)`;
}
