import { currencyExponent } from '../money';
import { add, div, formatRational, mul, parseDecimal, type Rational, rational, roundHalfEven, ZERO } from './rational';

/**
 * Reference rates as the ECB publishes them: units of a currency per euro, by day. Cross
 * rates go through the euro. A day without a rate (a weekend, a TARGET holiday) takes the
 * latest one on or before it.
 */
export interface DayRate {
  /** `YYYY-MM-DD`. */
  date: string;
  /** ISO 4217, upper case; never EUR (1 by definition). */
  currency: string;
  /** Units of `currency` per euro, exact. */
  perEur: Rational;
  /** Where it came from: `ecb`, `simulated`, `file:<name>`, `price-directive`. */
  source: string;
}

/** A rate as stored: its exact decimal (`1.0512`), or a fraction of integers (`10000/9513`) when it has none. */
export function rateText(r: Rational): string {
  const decimal = formatRational(r, 0);
  const back = parseDecimal(decimal);
  return back && back.num === r.num && back.den === r.den ? decimal : `${r.num}/${r.den}`;
}

export function parseRateText(text: string): Rational | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return parseDecimal(text);
  const num = parseDecimal(text.slice(0, slash));
  const den = parseDecimal(text.slice(slash + 1));
  if (!num || !den || den.num === 0n) return undefined;
  return div(num, den);
}

/** Days a rate may be older than the day it is used for before it is said to be old. */
export const OLD_RATE_DAYS = 7;

export class RateBook {
  private readonly byCurrency = new Map<string, DayRate[]>();

  constructor(rates: Iterable<DayRate>) {
    for (const r of rates) {
      const list = this.byCurrency.get(r.currency) ?? [];
      list.push(r);
      this.byCurrency.set(r.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The currencies with any rate, EUR included. */
  currencies(): string[] {
    return ['EUR', ...this.byCurrency.keys()].sort();
  }

  /** The days a currency has a rate, oldest first (none for EUR). */
  days(currency: string): string[] {
    return (this.byCurrency.get(currency) ?? []).map((r) => r.date);
  }

  /** The latest rate of a currency on or before `date`; EUR is 1 on every day. */
  rateOn(currency: string, date: string): DayRate | undefined {
    if (currency === 'EUR') return { date, currency, perEur: rational(1n), source: 'euro' };
    const list = this.byCurrency.get(currency);
    if (!list || list.length === 0 || list[0]!.date > date) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.date <= date) lo = mid;
      else hi = mid - 1;
    }
    return list[lo];
  }

  /**
   * What one minor unit of `from` is worth in minor units of `to` on `date` (exact), and
   * the older of the two rates' days; undefined when either currency has no rate by then.
   */
  factor(from: string, to: string, date: string): { factor: Rational; rateDate: string } | undefined {
    if (from === to) return { factor: rational(1n), rateDate: date };
    const a = this.rateOn(from, date);
    const b = this.rateOn(to, date);
    if (!a || !b) return undefined;
    // minor_to = minor_from / 10^e_from / perEur_from * perEur_to * 10^e_to
    const scale = rational(10n ** BigInt(currencyExponent(to)), 10n ** BigInt(currencyExponent(from)));
    const rateDate = from === 'EUR' ? b.date : to === 'EUR' ? a.date : a.date < b.date ? a.date : b.date;
    return { factor: mul(div(b.perEur, a.perEur), scale), rateDate };
  }
}

/**
 * One figure in the home currency, summed from amounts in any currency each at its own
 * day's rate: exact until `cents()`, which rounds once, half to even. Amounts of a currency
 * without a rate by their day are not counted: they are named in `missing`.
 */
export class HomeFigure {
  private exact: Rational = ZERO;
  /** Minor units by currency and day, converted together at the end (few rates, many rows). */
  private readonly pending = new Map<string, number>();
  readonly missing = new Set<string>();
  /** The oldest rate day used. */
  oldestRate: string | undefined;

  constructor(
    private readonly book: RateBook,
    readonly home: string,
  ) {}

  add(cents: number, currency: string, date: string): void {
    if (cents === 0) return;
    const key = `${currency}|${date}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + cents);
  }

  /** The exact value so far. */
  value(): Rational {
    for (const [key, cents] of this.pending) {
      const [currency, date] = key.split('|') as [string, string];
      const f = this.book.factor(currency, this.home, date);
      if (!f) {
        this.missing.add(currency);
        continue;
      }
      if (currency !== this.home && (this.oldestRate === undefined || f.rateDate < this.oldestRate)) this.oldestRate = f.rateDate;
      this.exact = add(this.exact, mul(rational(BigInt(cents)), f.factor));
    }
    this.pending.clear();
    return this.exact;
  }

  /** The figure in minor units of the home currency, rounded once. */
  cents(): number {
    return roundHalfEven(this.value());
  }
}

/** Whether a rate of `rateDate` is old for a figure of `date` (more than OLD_RATE_DAYS before it). */
export function isOldRate(rateDate: string, date: string): boolean {
  return Date.parse(`${date}T00:00:00Z`) - Date.parse(`${rateDate}T00:00:00Z`) > OLD_RATE_DAYS * 86_400_000;
}
