import { addDays } from '../dates';
import { type AnomalyTx, categoryViews, merchantKey } from './types';

/**
 * A person's transactions indexed for the detectors: per account and merchant, and per
 * account and category, each in date order, so every window is a binary search away.
 */
export class History {
  private readonly byMerchant = new Map<string, AnomalyTx[]>();
  private readonly byCategory = new Map<string, AnomalyTx[]>();
  private readonly firstDate = new Map<number, string>();
  private readonly memo = new Map<string, unknown>();

  /**
   * `accountStarts`: each account's earliest date where the rows are not all of its
   * history's window (a selective load, see lookback.ts); else their earliest.
   */
  constructor(rows: readonly AnomalyTx[], accountStarts?: ReadonlyMap<number, string>) {
    if (accountStarts) for (const [id, date] of accountStarts) this.firstDate.set(id, date);
    const ordered = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    for (const t of ordered) {
      push(this.byMerchant, `${t.accountId}\u0000${merchantKey(t)}`, t);
      // A split row spends in each part's category, its part's amount.
      for (const view of categoryViews(t)) push(this.byCategory, `${t.accountId}\u0000${view.category}`, view);
      if (!this.firstDate.has(t.accountId)) this.firstDate.set(t.accountId, t.date);
    }
  }

  /**
   * A value computed once per key: many transactions of one day, merchant or category
   * share their window, so the detectors ask for the same figures again and again.
   */
  remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /** The account's earliest date in this history. */
  accountStart(accountId: number): string | undefined {
    return this.firstDate.get(accountId);
  }

  /** The account's transactions at the merchant, oldest first. */
  atMerchant(t: AnomalyTx): readonly AnomalyTx[] {
    return this.byMerchant.get(`${t.accountId}\u0000${merchantKey(t)}`) ?? [];
  }

  /** The account's transactions in a category, oldest first (a split row's part as its own). */
  inCategory(accountId: number, category: string): readonly AnomalyTx[] {
    return this.byCategory.get(`${accountId}\u0000${category}`) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Rows of a date-ordered list with `from <= date < to`. */
export function between(rows: readonly AnomalyTx[], from: string, to: string): AnomalyTx[] {
  return rows.slice(lowerBound(rows, from), lowerBound(rows, to));
}

/** The rows of the `days` days before `t`, never `t` itself. */
export function daysBefore(rows: readonly AnomalyTx[], t: AnomalyTx, days: number): AnomalyTx[] {
  const sameDay = between(rows, t.date, addDays(t.date, 1)).filter((r) => r.id < t.id);
  return between(rows, addDays(t.date, -days), t.date).concat(sameDay);
}

/** Up to `count` rows before `t` (latest last) that satisfy `keep`, walking back from it. */
export function lastBefore(
  rows: readonly AnomalyTx[],
  t: AnomalyTx,
  count: number,
  keep: (r: AnomalyTx) => boolean,
): AnomalyTx[] {
  const found: AnomalyTx[] = [];
  for (let i = lowerBound(rows, addDays(t.date, 1)) - 1; i >= 0 && found.length < count; i--) {
    const r = rows[i]!;
    if (r.id !== t.id && (r.date < t.date || r.id < t.id) && keep(r)) found.push(r);
  }
  return found.reverse();
}

function lowerBound(rows: readonly AnomalyTx[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
