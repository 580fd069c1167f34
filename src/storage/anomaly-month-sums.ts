import type { Database as SqliteDatabase } from 'better-sqlite3';
import { addMonths } from '../core/dates';
import { splitRows } from './anomaly-split-rows';

/** Months of sums read at once: a category spike's month and its six months of baseline. */
const MONTHS_AT_ONCE = 7;

/** Sums by category, currency and month (`YYYY-MM`), read from a month on. */
interface Span {
  from: string;
  sums: Map<string, number>;
}

type Add = (category: string, currency: string, date: string, cents: number) => void;

/**
 * What was spent by category, currency and month, in grouped reads where the spike check
 * looks (core/anomalies/category-spike.ts): the household's over every account, and an
 * account's own for the few too new to compare (core/anomalies/compared-accounts.ts). The
 * first read of each takes the asked month and its baseline; a later one, only the
 * earlier months it lacks. A split row spends its parts in their categories.
 */
export class MonthSums {
  private household: Span | undefined;
  private readonly accounts = new Map<number, Span>();

  constructor(private readonly sqlite: SqliteDatabase) {}

  /**
   * Every account's spend. Posted rows are summed in the covering index transactions_flow
   * (date, category, currency, amount, transfer), grouped in its order so SQLite streams
   * the index instead of reading rows: seven months of a million-row home's index, never
   * its rows. Pending rows come from their own small partial index.
   */
  householdSpend(category: string, currency: string, month: string): number {
    this.household = this.extend(this.household, month, (from, to, add) => {
      for (const [date, rowCategory, rowCurrency, cents] of this.sqlite
        .prepare(
          `SELECT date, category, currency, sum(amount_cents) FROM transactions INDEXED BY transactions_flow
           WHERE removed = 0 AND pending = 0 AND transfer_id IS NULL AND date >= ? AND date < ?
           GROUP BY date, category, currency`,
        )
        .raw()
        .iterate(from, to) as IterableIterator<[string, string, string, number]>)
        add(rowCategory, rowCurrency, date, cents);
      for (const [date, rowCategory, rowCurrency, cents] of this.sqlite
        .prepare(
          `SELECT date, category, currency, amount_cents FROM transactions INDEXED BY transactions_pending
           WHERE removed = 0 AND pending = 1 AND transfer_id IS NULL AND date >= ? AND date < ?`,
        )
        .raw()
        .all(from, to) as [string, string, string, number][])
        add(rowCategory, rowCurrency, date, cents);
      this.addSplits(undefined, from, to, add);
    });
    return this.household.sums.get(keyOf(category, currency, month)) ?? 0;
  }

  /** One account's spend, a paired transfer as a transfer whatever its category. */
  accountSpend(accountId: number, category: string, currency: string, month: string): number {
    const span = this.extend(this.accounts.get(accountId), month, (from, to, add) => {
      for (const [rowCategory, rowCurrency, m, cents] of this.sqlite
        .prepare(
          `SELECT CASE WHEN transfer_id IS NULL THEN category ELSE 'transfer' END, currency, substr(date, 1, 7), sum(amount_cents)
           FROM transactions INDEXED BY transactions_account_date
           WHERE account_id = ? AND removed = 0 AND date >= ? AND date < ? GROUP BY 1, 2, 3`,
        )
        .raw()
        .all(accountId, from, to) as [string, string, string, number][])
        add(rowCategory, rowCurrency, m, cents);
      this.addSplits(accountId, from, to, add);
    });
    this.accounts.set(accountId, span);
    return span.sums.get(keyOf(category, currency, month)) ?? 0;
  }

  /** The span reaching back to `month`: the month and its baseline first, an earlier month alone later. */
  private extend(span: Span | undefined, month: string, read: (from: string, to: string, add: Add) => void): Span {
    if (span && span.from <= month) return span;
    const from = span ? month : addMonths(month, 1 - MONTHS_AT_ONCE);
    const sums = span?.sums ?? new Map<string, number>();
    read(`${from}-01`, span ? `${span.from}-01` : '9999-12-31', (category, currency, date, cents) => {
      const key = keyOf(category, currency, date.slice(0, 7));
      sums.set(key, (sums.get(key) ?? 0) - cents);
    });
    return { from, sums };
  }

  /** Split rows spend their parts in their categories, not their whole amount in their own. */
  private addSplits(accountId: number | undefined, from: string, to: string, add: Add): void {
    for (const s of splitRows(this.sqlite, accountId, from, to)) {
      add(s.category, s.currency, s.date, -s.amountCents);
      for (const p of s.parts) add(p.category, s.currency, s.date, p.cents);
    }
  }
}

function keyOf(category: string, currency: string, month: string): string {
  return `${category}\u0000${currency}\u0000${month}`;
}
