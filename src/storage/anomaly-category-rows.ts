import type { Database as SqliteDatabase } from 'better-sqlite3';
import { between, byDateThenId, type HistoryRow, type HouseholdRow, remember } from '../core/anomalies/history';
import { splitRows } from './anomaly-split-rows';

/** An account's rows by category from a date on. */
interface Span {
  from: string;
  views: Map<string, HistoryRow[]>;
}

/**
 * The rows of a category as the detectors read them (a split row as its parts, a paired
 * transfer as a transfer), read only when a detector needs them: one account's, by its
 * account and date index, for an unusual amount judged against the category; every
 * account's in one category, by the category and date index, for the month a spike
 * crosses its line (rare: only a month over its line asks).
 */
export class CategoryRows {
  private readonly accounts = new Map<number, Span>();
  private readonly household = new Map<string, unknown>();

  /** `windowStart`: the first date the history reaches. */
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly windowStart: string,
  ) {}

  ofAccount(accountId: number, category: string, from: string, to: string): readonly HistoryRow[] {
    return between(this.accountViews(accountId, from).get(category) ?? [], from, to);
  }

  /** Every account's rows in a spending category with `from <= date < to`. */
  ofHousehold(category: string, from: string, to: string): readonly HouseholdRow[] {
    const start = from < this.windowStart ? this.windowStart : from;
    if (to <= start) return [];
    return remember(this.household, `${category}\u0000${start}\u0000${to}`, () => {
      const splits = splitRows(this.sqlite, undefined, start, to);
      const split = new Set(splits.map((s) => s.id));
      const rows: HouseholdRow[] = [];
      for (const [id, accountId, date, amountCents, currency, pending] of this.sqlite
        .prepare(
          // Paired transfers are transfers, never this category's spending.
          `SELECT id, account_id, date, amount_cents, currency, pending FROM transactions INDEXED BY transactions_flow
           WHERE category = ? AND removed = 0 AND transfer_id IS NULL AND date >= ? AND date < ?`,
        )
        .raw()
        .all(category, start, to) as [number, number, string, number, string, number][])
        if (!split.has(id)) rows.push({ id, accountId, date, amountCents, currency, pending: pending === 1 });
      for (const s of splits)
        for (const p of s.parts)
          if (p.category === category)
            rows.push({
              id: s.id,
              accountId: s.accountId,
              date: s.date,
              amountCents: p.cents,
              currency: s.currency,
              pending: s.pending,
            });
      return rows.sort(byDateThenId);
    });
  }

  /** The account's rows by category (split rows as their parts) from a date on. */
  private accountViews(accountId: number, wanted: string): Map<string, HistoryRow[]> {
    const from = wanted < this.windowStart ? this.windowStart : wanted;
    const span = this.accounts.get(accountId);
    if (span && span.from <= from) return span.views;
    const to = span?.from ?? '9999-12-31';
    const parts = new Map(splitRows(this.sqlite, accountId, from, to).map((s) => [s.id, s.parts]));
    const views = new Map<string, HistoryRow[]>();
    const add = (category: string, row: HistoryRow) => {
      const list = views.get(category);
      if (list) list.push(row);
      else views.set(category, [row]);
    };
    for (const [id, date, amountCents, currency, category, pending] of this.sqlite
      .prepare(
        // A paired transfer moves the person's own money: a transfer, whatever its category.
        `SELECT id, date, amount_cents, currency, CASE WHEN transfer_id IS NULL THEN category ELSE 'transfer' END, pending
         FROM transactions INDEXED BY transactions_account_date
         WHERE account_id = ? AND removed = 0 AND date >= ? AND date < ? ORDER BY date, id`,
      )
      .raw()
      .all(accountId, from, to) as [number, string, number, string, string, number][]) {
      const split = parts.get(id);
      if (!split) add(category, { id, date, amountCents, currency, pending: pending === 1 });
      else for (const p of split) add(p.category, { id, date, amountCents: p.cents, currency, pending: pending === 1 });
    }
    if (span) for (const [category, rows] of span.views) views.set(category, (views.get(category) ?? []).concat(rows));
    this.accounts.set(accountId, { from, views });
    return views;
  }
}
