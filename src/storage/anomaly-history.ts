import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  type AnomalyHistory,
  between,
  byDateThenId,
  chargesBefore,
  type HistoryRow,
  isBefore,
  remember,
} from '../core/anomalies/history';
import { type AnomalyTx, merchantKey } from '../core/anomalies/types';
import { addDays, addMonths } from '../core/dates';
import { partsCountSql } from './splits-repo';

/** The days a merchant's rows are first read back from a checked one: the detectors' usual reach. */
const FIRST_REACH_DAYS = 90;
/** Months of sums read per account at once: a category spike's baseline and its month. */
const MONTHS_AT_ONCE = 7;

/** A row the payee index may not place right: pending (not in it), marked changed, or keyless. */
interface LooseRow extends HistoryRow {
  key: string;
}

/**
 * The anomaly check's history read from the store only where the detectors look: a
 * merchant's rows through the payee index (transactions.payee_key is the detectors'
 * merchant key) from where a checked row reaches back, a category's monthly sums from
 * one grouped read per account, a category's rows only when a detector needs them. A
 * day's sync checks a few hundred rows against ranges holding tens of thousands of rows,
 * not the 250,000 rows of two years (test: anomalies-selective finds what a whole load finds).
 *
 * Rows whose index entry may mislead are read whole once and keyed here: pending rows
 * (the index holds posted ones), rows marked changed since the streams were refreshed
 * (their stored key may be stale, migration 010) and rows without a key.
 */
export class StoredHistory implements AnomalyHistory {
  private readonly memo = new Map<string, unknown>();
  private readonly spans = new Map<string, { from: string; rows: HistoryRow[] }>();
  private readonly categorySpans = new Map<number, { from: string; views: Map<string, HistoryRow[]> }>();
  private readonly months = new Map<number, { from: string; sums: Map<string, number> }>();
  private readonly starts = new Map<number, string | undefined>();
  private readonly loose = new Map<string, LooseRow[]>();
  private readonly looseIds = new Set<number>();
  private readonly merchantRange;
  private readonly merchantBefore;

  /** `windowStart`: the first date the history reaches (what a whole load would read from). */
  constructor(
    private readonly sqlite: SqliteDatabase,
    accountIds: readonly number[],
    private readonly windowStart: string,
  ) {
    const payee = `FROM transactions INDEXED BY transactions_payee
      WHERE account_id = ? AND payee_key = ? AND removed = 0 AND pending = 0 AND (amount_cents > 0) IN (0, 1)`;
    this.merchantRange = sqlite.prepare(`SELECT id, date, amount_cents, currency ${payee} AND date >= ? AND date < ?`).raw();
    this.merchantBefore = sqlite.prepare(`SELECT id ${payee} AND date < ?`).pluck();
    this.readLooseRows(accountIds);
  }

  remember<T>(key: string, compute: () => T): T {
    return remember(this.memo, key, compute);
  }

  accountStart(accountId: number): string | undefined {
    if (!this.starts.has(accountId))
      this.starts.set(
        accountId,
        (this.sqlite
          .prepare('SELECT min(date) FROM transactions WHERE account_id = ? AND removed = 0 AND date >= ?')
          .pluck()
          .get(accountId, this.windowStart) as string | null) ?? undefined,
      );
    return this.starts.get(accountId);
  }

  atMerchant(t: AnomalyTx, from: string, to: string): readonly HistoryRow[] {
    return between(this.span(t, from), from, to);
  }

  paidBefore(t: AnomalyTx): boolean {
    const near = this.span(t, addDays(t.date, -FIRST_REACH_DAYS));
    return near.some((r) => isBefore(r, t)) || this.span(t, this.windowStart).some((r) => isBefore(r, t));
  }

  chargesBefore(t: AnomalyTx, count: number): readonly HistoryRow[] {
    const near = chargesBefore(this.span(t, addDays(t.date, -FIRST_REACH_DAYS)), t, count);
    return near.length >= count ? near : chargesBefore(this.span(t, this.windowStart), t, count);
  }

  inCategory(accountId: number, category: string, from: string, to: string): readonly HistoryRow[] {
    return between(this.categoryViews(accountId, from).get(category) ?? [], from, to);
  }

  monthSpend(accountId: number, category: string, currency: string, month: string): number {
    return this.monthSums(accountId, month).get(`${category}\u0000${currency}\u0000${month}`) ?? 0;
  }

  /** Whether the account paid t's merchant before the history's first date (for "new merchant"). */
  seenBefore(t: AnomalyTx): boolean {
    const key = merchantKey(t);
    if ((this.loose.get(`${t.accountId}\u0000${key}`) ?? []).some((r) => r.date < this.windowStart)) return true;
    for (const id of this.merchantBefore.iterate(t.accountId, key, this.windowStart) as Iterable<number>)
      if (!this.looseIds.has(id)) return true;
    return false;
  }

  /** t's merchant's rows from `from` (never before the window) on, read back as far as asked once. */
  private span(t: AnomalyTx, wanted: string): readonly HistoryRow[] {
    const from = wanted < this.windowStart ? this.windowStart : wanted;
    const key = `${t.accountId}\u0000${merchantKey(t)}`;
    const span = this.spans.get(key);
    if (span && span.from <= from) return span.rows;
    const to = span?.from ?? '9999-12-31';
    const rows: HistoryRow[] = [];
    for (const [id, date, amountCents, currency] of this.merchantRange.all(t.accountId, merchantKey(t), from, to) as [
      number,
      string,
      number,
      string,
    ][])
      if (!this.looseIds.has(id)) rows.push({ id, date, amountCents, currency, pending: false });
    for (const r of this.loose.get(key) ?? []) if (r.date >= from && r.date < to) rows.push(r);
    rows.sort(byDateThenId);
    const joined = span ? rows.concat(span.rows) : rows;
    this.spans.set(key, { from, rows: joined });
    return joined;
  }

  /** The account's rows by category (split rows as their parts) from a date on. */
  private categoryViews(accountId: number, wanted: string): Map<string, HistoryRow[]> {
    const from = wanted < this.windowStart ? this.windowStart : wanted;
    const span = this.categorySpans.get(accountId);
    if (span && span.from <= from) return span.views;
    const to = span?.from ?? '9999-12-31';
    const parts = this.splitParts(accountId, from, to);
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
    this.categorySpans.set(accountId, { from, views });
    return views;
  }

  /** The account's spend by category, currency and month, from about the asked month's baseline on. */
  private monthSums(accountId: number, month: string): Map<string, number> {
    const span = this.months.get(accountId);
    if (span && span.from <= month) return span.sums;
    // The first read takes the month and the baseline months before it; a later one, an
    // earlier month only.
    const from = `${span ? month : addMonths(month, 1 - MONTHS_AT_ONCE)}-01`;
    const to = span ? `${span.from}-01` : '9999-12-31';
    const sums = span?.sums ?? new Map<string, number>();
    const add = (category: string, currency: string, m: string, cents: number) => {
      const key = `${category}\u0000${currency}\u0000${m}`;
      sums.set(key, (sums.get(key) ?? 0) - cents);
    };
    for (const [category, currency, m, cents] of this.sqlite
      .prepare(
        `SELECT CASE WHEN transfer_id IS NULL THEN category ELSE 'transfer' END, currency, substr(date, 1, 7), sum(amount_cents)
         FROM transactions INDEXED BY transactions_account_date
         WHERE account_id = ? AND removed = 0 AND date >= ? AND date < ? GROUP BY 1, 2, 3`,
      )
      .raw()
      .all(accountId, from, to) as [string, string, string, number][])
      add(category, currency, m, cents);
    // A split row spends its parts in their categories, not its whole amount in its own.
    for (const s of this.splitRows(accountId, from, to)) {
      add(s.category, s.currency, s.month, -s.amountCents);
      for (const p of s.parts) add(p.category, s.currency, s.month, p.cents);
    }
    this.months.set(accountId, { from: from.slice(0, 7), sums });
    return sums;
  }

  private splitParts(accountId: number, from: string, to: string): Map<number, { category: string; cents: number }[]> {
    return new Map(this.splitRows(accountId, from, to).map((s) => [s.id, s.parts]));
  }

  /** The split rows whose parts count (not transfers, parts summing to the amount), with their parts. */
  private splitRows(accountId: number, from: string, to: string) {
    const rows = new Map<
      number,
      {
        id: number;
        category: string;
        currency: string;
        month: string;
        amountCents: number;
        parts: { category: string; cents: number }[];
      }
    >();
    for (const [id, category, currency, date, amountCents, part, cents] of this.sqlite
      .prepare(
        // CROSS JOIN keeps the few split rows leading (SQLite would scan the date range).
        `SELECT t.id, t.category, t.currency, t.date, t.amount_cents, s.category, s.amount_cents
         FROM transaction_splits s CROSS JOIN transactions t ON t.id = s.transaction_id
         WHERE t.account_id = ? AND t.removed = 0 AND t.transfer_id IS NULL AND t.date >= ? AND t.date < ? AND ${partsCountSql('t')}
         ORDER BY s.transaction_id, s.position`,
      )
      .raw()
      .all(accountId, from, to) as [number, string, string, string, number, string, number][]) {
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { id, category, currency, month: date.slice(0, 7), amountCents, parts: [] }));
      row.parts.push({ category: part, cents });
    }
    return [...rows.values()];
  }

  /** Pending rows, rows marked changed, and rows without a payee key, of the accounts: keyed from their text. */
  private readLooseRows(accountIds: readonly number[]): void {
    const columns = 'id, account_id, date, amount_cents, currency, merchant, description, pending';
    const accounts = JSON.stringify(accountIds);
    const ofAccounts = 'account_id IN (SELECT value FROM json_each(?))';
    const rows = [
      ...this.sqlite
        // The planner would take the content index by account and read every row.
        .prepare(
          `SELECT ${columns} FROM transactions INDEXED BY transactions_pending WHERE ${ofAccounts} AND pending = 1 AND removed = 0`,
        )
        .raw()
        .all(accounts),
      ...this.sqlite
        .prepare(
          `SELECT ${columns} FROM transactions WHERE id IN (SELECT transaction_id FROM stream_dirty) AND ${ofAccounts} AND removed = 0`,
        )
        .raw()
        .all(accounts),
      ...this.sqlite
        .prepare(
          `SELECT ${columns} FROM transactions INDEXED BY transactions_payee
           WHERE ${ofAccounts} AND payee_key IS NULL AND removed = 0 AND pending = 0`,
        )
        .raw()
        .all(accounts),
    ] as [number, number, string, number, string, string | null, string, number][];
    for (const [id, accountId, date, amountCents, currency, merchant, description, pending] of rows) {
      if (this.looseIds.has(id)) continue;
      this.looseIds.add(id);
      const key = merchantKey({ merchant, description });
      const list = this.loose.get(`${accountId}\u0000${key}`) ?? [];
      list.push({ id, date, amountCents, currency, pending: pending === 1, key });
      this.loose.set(`${accountId}\u0000${key}`, list);
    }
  }
}
