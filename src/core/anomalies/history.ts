import { addDays, addMonths } from '../dates';
import { type AnomalyTx, categoryViews, merchantKey } from './types';

/** What a detector reads of a row in a merchant's or a category's history. */
export type HistoryRow = Pick<AnomalyTx, 'id' | 'date' | 'amountCents' | 'currency' | 'pending'>;
/** A row of the household's history: which of its accounts holds it. */
export type HouseholdRow = HistoryRow & Pick<AnomalyTx, 'accountId'>;

/**
 * The history behind the checked rows, as the detectors ask for it: ranges of one
 * account's merchant or category, or of the household's category (every account), in
 * (date, id) order. Two sources answer alike (test: anomalies-selective): `History` from
 * rows loaded whole, and the store's (storage/anomaly-history.ts), which reads only the
 * ranges asked for, so a sync's few new rows never load two years of rows.
 */
export interface AnomalyHistory {
  /**
   * A value computed once per key: many transactions of one day, merchant or category
   * share their window, so the detectors ask for the same figures again and again.
   */
  remember<T>(key: string, compute: () => T): T;
  /** Every account with rows in the history, and its earliest date there. */
  accountStarts(): ReadonlyMap<number, string>;
  /** The rows of t's account at t's merchant with `from <= date < to`. */
  atMerchant(t: AnomalyTx, from: string, to: string): readonly HistoryRow[];
  /**
   * Whether any account of the household paid t's merchant before t (an earlier date, or
   * an earlier id that day): a shop known from one card is not new on another.
   */
  householdPaidBefore(t: AnomalyTx): boolean;
  /** Up to `count` posted charges in t's currency at t's merchant before t, latest last. */
  chargesBefore(t: AnomalyTx, count: number): readonly HistoryRow[];
  /** The account's rows in a category with `from <= date < to` (a split row's part as its own). */
  inCategory(accountId: number, category: string, from: string, to: string): readonly HistoryRow[];
  /** Every account's rows in a spending category with `from <= date < to` (a split row's part as its own). */
  householdInCategory(category: string, from: string, to: string): readonly HouseholdRow[];
  /** What the account spent in a category and currency over a calendar month (`YYYY-MM`): minus the sum. */
  monthSpend(accountId: number, category: string, currency: string, month: string): number;
  /**
   * What every account spent in a spending category and currency over a calendar month.
   * Paired transfers are no category's spending (the detectors read them as 'transfer',
   * which no spending check asks for).
   */
  householdMonthSpend(category: string, currency: string, month: string): number;
}

/** A history of rows loaded whole (every account's), indexed per merchant and per category. */
export class History implements AnomalyHistory {
  private readonly byMerchant = new Map<string, AnomalyTx[]>();
  private readonly byCategory = new Map<string, AnomalyTx[]>();
  private readonly byHouseholdCategory = new Map<string, AnomalyTx[]>();
  /** The household's first row at each merchant. */
  private readonly firstPaid = new Map<string, AnomalyTx>();
  private readonly firstDate = new Map<number, string>();
  private readonly memo = new Map<string, unknown>();

  constructor(rows: readonly AnomalyTx[]) {
    const ordered = [...rows].sort(byDateThenId);
    for (const t of ordered) {
      const merchant = merchantKey(t);
      push(this.byMerchant, `${t.accountId}\u0000${merchant}`, t);
      if (!this.firstPaid.has(merchant)) this.firstPaid.set(merchant, t);
      // A split row spends in each part's category, its part's amount.
      for (const view of categoryViews(t)) {
        push(this.byCategory, `${t.accountId}\u0000${view.category}`, view);
        push(this.byHouseholdCategory, view.category, view);
      }
      if (!this.firstDate.has(t.accountId)) this.firstDate.set(t.accountId, t.date);
    }
  }

  remember<T>(key: string, compute: () => T): T {
    return remember(this.memo, key, compute);
  }

  accountStarts(): ReadonlyMap<number, string> {
    return this.firstDate;
  }

  atMerchant(t: AnomalyTx, from: string, to: string): readonly HistoryRow[] {
    return between(this.merchantRows(t), from, to);
  }

  householdPaidBefore(t: AnomalyTx): boolean {
    const first = this.firstPaid.get(merchantKey(t));
    return first !== undefined && isBefore(first, t);
  }

  chargesBefore(t: AnomalyTx, count: number): readonly HistoryRow[] {
    return chargesBefore(this.merchantRows(t), t, count);
  }

  inCategory(accountId: number, category: string, from: string, to: string): readonly HistoryRow[] {
    return between(this.byCategory.get(`${accountId}\u0000${category}`) ?? [], from, to);
  }

  householdInCategory(category: string, from: string, to: string): readonly HouseholdRow[] {
    return between(this.byHouseholdCategory.get(category) ?? [], from, to);
  }

  monthSpend(accountId: number, category: string, currency: string, month: string): number {
    return spendOf(this.inCategory(accountId, category, `${month}-01`, `${addMonths(month, 1)}-01`), currency);
  }

  householdMonthSpend(category: string, currency: string, month: string): number {
    return spendOf(this.householdInCategory(category, `${month}-01`, `${addMonths(month, 1)}-01`), currency);
  }

  private merchantRows(t: AnomalyTx): readonly AnomalyTx[] {
    return this.byMerchant.get(`${t.accountId}\u0000${merchantKey(t)}`) ?? [];
  }
}

export function remember<T>(memo: Map<string, unknown>, key: string, compute: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function byDateThenId(a: HistoryRow, b: HistoryRow): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}

/** Whether `r` came before `t`: an earlier date, or the same date and an earlier id. */
export function isBefore(r: HistoryRow, t: HistoryRow): boolean {
  return r.date < t.date || (r.date === t.date && r.id < t.id);
}

/** Minus the sum of the rows in a currency: what was spent, refunds taken off. */
export function spendOf(rows: readonly HistoryRow[], currency: string): number {
  return -rows.reduce((sum, r) => sum + (r.currency === currency ? r.amountCents : 0), 0);
}

/** Rows of a date-ordered list with `from <= date < to`. */
export function between<T extends HistoryRow>(rows: readonly T[], from: string, to: string): T[] {
  return rows.slice(lowerBound(rows, from), lowerBound(rows, to));
}

/** Up to `count` posted charges in t's currency among date-ordered rows before t, latest last. */
export function chargesBefore<T extends HistoryRow>(rows: readonly T[], t: HistoryRow, count: number): T[] {
  const found: T[] = [];
  for (let i = lowerBound(rows, addDays(t.date, 1)) - 1; i >= 0 && found.length < count; i--) {
    const r = rows[i]!;
    if (isBefore(r, t) && !r.pending && r.amountCents < 0 && r.currency === t.currency) found.push(r);
  }
  return found.reverse();
}

function lowerBound(rows: readonly HistoryRow[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
