import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  type AnomalyHistory,
  between,
  byDateThenId,
  chargesBefore,
  type HistoryRow,
  type HouseholdRow,
  isBefore,
  remember,
} from '../core/anomalies/history';
import { type AnomalyTx, merchantKey } from '../core/anomalies/types';
import { addDays } from '../core/dates';
import { CategoryRows } from './anomaly-category-rows';
import { LooseRows } from './anomaly-loose-rows';
import { MonthSums } from './anomaly-month-sums';
import { PAYEE_ID_OF } from './payees-repo';

/** The days a merchant's rows are first read back from a checked one: the detectors' usual reach. */
const FIRST_REACH_DAYS = 90;

/**
 * The anomaly check's history read from the store only where the detectors look: a
 * merchant's rows through the payee index (transactions.payee_id, a number for the detectors'
 * merchant key) from where a checked row reaches back, whether any account paid a
 * merchant by a probe of that index per account, the household's monthly sums by
 * category in one grouped read of a covering index (anomaly-month-sums.ts), a category's
 * rows only when a detector needs them (anomaly-category-rows.ts). A day's sync checks a
 * few hundred rows against ranges holding tens of thousands of rows, not the 250,000
 * rows of two years (test: anomalies-selective finds what a whole load finds).
 *
 * Rows whose index entry may mislead are read whole once and keyed here (anomaly-loose-rows.ts).
 */
export class StoredHistory implements AnomalyHistory {
  private readonly memo = new Map<string, unknown>();
  private readonly spans = new Map<string, { from: string; rows: HistoryRow[] }>();
  private starts: Map<number, string> | undefined;
  /** Per merchant, a row of the household's that came before some checked row. */
  private readonly paid = new Map<string, HistoryRow>();
  private readonly accountIds: number[];
  /** The household's accounts as JSON, bound to the reads over all of them. */
  private readonly accounts: string;
  private readonly loose: LooseRows;
  private readonly sums: MonthSums;
  private readonly categories: CategoryRows;
  private readonly merchantRange;
  private readonly householdUpTo;
  private readonly householdBefore;

  /** `windowStart`: the first date the history reaches (what a whole load would read from). */
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly windowStart: string,
  ) {
    // Closed accounts too: what a closed card paid is still what the household knows.
    this.accountIds = sqlite.prepare('SELECT id FROM accounts').pluck().all() as number[];
    this.accounts = JSON.stringify(this.accountIds);
    const payee = `FROM transactions INDEXED BY transactions_payee
      WHERE account_id = ? AND payee_id = ${PAYEE_ID_OF} AND removed = 0 AND pending = 0 AND (amount_cents > 0) IN (0, 1)`;
    this.merchantRange = sqlite.prepare(`SELECT id, date, amount_cents, currency ${payee} AND date >= ? AND date < ?`).raw();
    // The household's accounts through the same index: a seek per account (a handful), never a scan.
    const household = `FROM transactions INDEXED BY transactions_payee
      WHERE account_id IN (SELECT value FROM json_each(?)) AND payee_id = ${PAYEE_ID_OF}
        AND removed = 0 AND pending = 0 AND (amount_cents > 0) IN (0, 1)`;
    this.householdUpTo = sqlite.prepare(`SELECT id, date ${household} AND date >= ? AND date <= ?`).raw();
    this.householdBefore = sqlite.prepare(`SELECT id ${household} AND date < ?`).pluck();
    this.loose = new LooseRows(sqlite, this.accounts);
    this.sums = new MonthSums(sqlite);
    this.categories = new CategoryRows(sqlite, windowStart);
  }

  remember<T>(key: string, compute: () => T): T {
    return remember(this.memo, key, compute);
  }

  accountStarts(): ReadonlyMap<number, string> {
    if (!this.starts) {
      const first = this.sqlite
        .prepare(
          'SELECT min(date) FROM transactions INDEXED BY transactions_account_date WHERE account_id = ? AND removed = 0 AND date >= ?',
        )
        .pluck();
      this.starts = new Map();
      for (const id of this.accountIds) {
        const date = first.get(id, this.windowStart) as string | null;
        if (date !== null) this.starts.set(id, date);
      }
    }
    return this.starts;
  }

  atMerchant(t: AnomalyTx, from: string, to: string): readonly HistoryRow[] {
    return between(this.span(t, from), from, to);
  }

  householdPaidBefore(t: AnomalyTx): boolean {
    const key = merchantKey(t);
    // One row before an earlier checked row is before this one too: most checks end here.
    const known = this.paid.get(key);
    if (known && isBefore(known, t)) return true;
    const found =
      this.loose.ofHousehold(key).find((r) => r.date >= this.windowStart && isBefore(r, t)) ?? this.firstIndexedBefore(key, t);
    if (found) this.paid.set(key, found);
    return found !== undefined;
  }

  chargesBefore(t: AnomalyTx, count: number): readonly HistoryRow[] {
    const near = chargesBefore(this.span(t, addDays(t.date, -FIRST_REACH_DAYS)), t, count);
    return near.length >= count ? near : chargesBefore(this.span(t, this.windowStart), t, count);
  }

  inCategory(accountId: number, category: string, from: string, to: string): readonly HistoryRow[] {
    return this.categories.ofAccount(accountId, category, from, to);
  }

  householdInCategory(category: string, from: string, to: string): readonly HouseholdRow[] {
    return this.categories.ofHousehold(category, from, to);
  }

  monthSpend(accountId: number, category: string, currency: string, month: string): number {
    return this.sums.accountSpend(accountId, category, currency, month);
  }

  householdMonthSpend(category: string, currency: string, month: string): number {
    return this.sums.householdSpend(category, currency, month);
  }

  /** Whether any account of the household paid t's merchant before the history's first date (for "new merchant"). */
  seenBefore(t: AnomalyTx): boolean {
    const key = merchantKey(t);
    return this.remember(`seen:${key}`, () => {
      if (this.loose.ofHousehold(key).some((r) => r.date < this.windowStart)) return true;
      for (const id of this.householdBefore.iterate(this.accounts, key, this.windowStart) as Iterable<number>)
        if (!this.loose.ids.has(id)) return true;
      return false;
    });
  }

  /** A posted row of any account at the merchant, in the window and before t, through the payee index. */
  private firstIndexedBefore(key: string, t: AnomalyTx): HistoryRow | undefined {
    // Unordered: the first row that qualifies ends the read, usually the first one read.
    for (const [id, date] of this.householdUpTo.iterate(this.accounts, key, this.windowStart, t.date) as Iterable<
      [number, string]
    >) {
      const row = { id, date, amountCents: 0, currency: t.currency, pending: false };
      if (!this.loose.ids.has(id) && isBefore(row, t)) return row;
    }
    return undefined;
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
      if (!this.loose.ids.has(id)) rows.push({ id, date, amountCents, currency, pending: false });
    for (const r of this.loose.ofAccount(t.accountId, merchantKey(t))) if (r.date >= from && r.date < to) rows.push(r);
    rows.sort(byDateThenId);
    const joined = span ? rows.concat(span.rows) : rows;
    this.spans.set(key, { from, rows: joined });
    return joined;
  }
}
