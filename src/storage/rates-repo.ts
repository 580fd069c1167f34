import type { Database as SqliteDatabase } from 'better-sqlite3';
import { type DayRate, parseRateText, RateBook, rateText } from '../core/fx/rate-book';
import type { Rational } from '../core/fx/rational';

/**
 * The `rates` table: one rate per currency and day, units per euro as exact text. Read
 * and written through prepared statements: a whole ECB history is 280,000 rows (41
 * currencies since 1999), written in one transaction.
 */

export interface UpsertOptions {
  /**
   * Replace a stored rate only when its source is one of these (an update from the ECB does
   * not overwrite the rates of a person's own file); any stored rate when absent.
   */
  replaceSources?: readonly string[];
}

export interface UpsertCounts {
  /** Days and currencies that had no rate. */
  added: number;
  /** Rates replaced by another value or source. */
  changed: number;
  /** Rates stored already, as they are. */
  unchanged: number;
  /** Rates of other sources left as they were (see replaceSources). */
  kept: number;
}

/**
 * Stores rates in one transaction, all or none: a rate replaces the stored one of the
 * same currency and day (unless its source is not one to replace).
 */
export function upsertRates(sqlite: SqliteDatabase, rates: readonly DayRate[], options: UpsertOptions = {}): UpsertCounts {
  const replaceable = options.replaceSources && new Set(options.replaceSources);
  const find = sqlite.prepare('SELECT per_eur, source FROM rates WHERE currency = ? AND date = ?');
  const write = sqlite.prepare(
    `INSERT INTO rates (currency, date, per_eur, source) VALUES (?, ?, ?, ?)
     ON CONFLICT (currency, date) DO UPDATE SET per_eur = excluded.per_eur, source = excluded.source`,
  );
  return sqlite.transaction(() => {
    const counts: UpsertCounts = { added: 0, changed: 0, unchanged: 0, kept: 0 };
    for (const r of rates) {
      const text = rateText(r.perEur);
      const stored = find.get(r.currency, r.date) as { per_eur: string; source: string } | undefined;
      if (stored && stored.per_eur === text && stored.source === r.source) counts.unchanged++;
      else if (stored && replaceable && !replaceable.has(stored.source)) counts.kept++;
      else {
        write.run(r.currency, r.date, text, r.source);
        if (stored) counts.changed++;
        else counts.added++;
      }
    }
    return counts;
  })();
}

export interface RateFilter {
  currency?: string;
  /** `YYYY-MM-DD`, included. */
  from?: string;
  /** `YYYY-MM-DD`, included. */
  to?: string;
  limit?: number;
}

/** Stored rates, newest day first (currencies in order within a day). */
export function listRates(sqlite: SqliteDatabase, filter: RateFilter = {}): DayRate[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.currency !== undefined) {
    where.push('currency = ?');
    params.push(filter.currency);
  }
  if (filter.from !== undefined) {
    where.push('date >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('date <= ?');
    params.push(filter.to);
  }
  let sql = `SELECT currency, date, per_eur, source FROM rates${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY date DESC, currency`;
  if (filter.limit !== undefined) {
    sql += ' LIMIT ?';
    params.push(filter.limit);
  }
  return (sqlite.prepare(sql).all(...params) as RateRow[]).map((row) => {
    const r = rowToRate(row);
    return { date: r.date, currency: r.currency, perEur: r.perEur, source: r.source };
  });
}

/**
 * Every stored rate (or those of some currencies) as a RateBook. A rate's text is read into
 * a fraction only when it is used: a book of the whole ECB history is built in
 * milliseconds, and a conversion reads a handful of its rates.
 */
export function loadRateBook(sqlite: SqliteDatabase, currencies?: readonly string[]): RateBook {
  const rows =
    currencies === undefined
      ? sqlite.prepare('SELECT currency, date, per_eur, source FROM rates ORDER BY currency, date').all()
      : currencies.length === 0
        ? []
        : sqlite
            .prepare(
              `SELECT currency, date, per_eur, source FROM rates WHERE currency IN (${currencies.map(() => '?').join(', ')}) ORDER BY currency, date`,
            )
            .all(...currencies);
  return new RateBook((rows as RateRow[]).map(rowToRate));
}

/** The latest day stored from each source (`ecb` → `2026-11-20`). */
export function latestRateDates(sqlite: SqliteDatabase): Map<string, string> {
  const rows = sqlite.prepare('SELECT source, MAX(date) AS latest FROM rates GROUP BY source').all() as {
    source: string;
    latest: string;
  }[];
  return new Map(rows.map((r) => [r.source, r.latest]));
}

/** The latest day stored from one source, if any. */
export function latestRateDate(sqlite: SqliteDatabase, source: string): string | undefined {
  const row = sqlite.prepare('SELECT MAX(date) AS latest FROM rates WHERE source = ?').get(source) as
    { latest: string | null } | undefined;
  return row?.latest ?? undefined;
}

interface RateRow {
  currency: string;
  date: string;
  per_eur: string;
  source: string;
}

/**
 * A stored rate whose text becomes a fraction on first use (reading 280,000 of them up
 * front took 400 ms). `perEur` is a getter: copy a rate by naming its fields, not by spreading it.
 */
class StoredRate implements DayRate {
  private parsed: Rational | undefined;

  constructor(
    readonly date: string,
    readonly currency: string,
    private readonly text: string,
    readonly source: string,
  ) {}

  get perEur(): Rational {
    if (this.parsed === undefined) {
      const value = parseRateText(this.text);
      // Written only by upsertRates; a row edited by hand into something else is a damaged row.
      if (value === undefined || value.num <= 0n)
        throw new Error(`the stored rate of ${this.currency} on ${this.date} is not a rate: ${JSON.stringify(this.text)}`);
      this.parsed = value;
    }
    return this.parsed;
  }
}

function rowToRate(row: RateRow): DayRate {
  return new StoredRate(row.date, row.currency, row.per_eur, row.source);
}
