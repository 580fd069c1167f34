import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { type DetectedStream, type PriceChange, streamGroup, streamStatus } from '../core/recurring/detect';
import type { StreamsTable } from './schema';

/** A stream as stored: what detection found, its id, and whether the person ignores it. */
export interface StoredStream extends DetectedStream {
  id: number;
  ignoredAt: string | null;
  /** The price_increase anomaly of the row where the price went up, when one was raised. */
  priceAnomalyId: number | null;
}

/** A row of `streams` as SQLite gives it (schema.ts). */
type StreamRow = Selectable<StreamsTable> & { price_anomaly_id: number | null };

function toStream(r: StreamRow): StoredStream {
  return {
    id: r.id,
    key: r.key,
    accountId: r.account_id,
    merchant: r.merchant,
    kind: r.kind,
    cadence: r.cadence,
    currency: r.currency,
    amountCents: r.amount_cents,
    amountMinCents: r.amount_min_cents,
    amountMaxCents: r.amount_max_cents,
    firstDate: r.first_date,
    lastDate: r.last_date,
    lastAmountCents: r.last_amount_cents,
    nextDate: r.next_date,
    status: r.status,
    transactionIds: JSON.parse(r.transaction_ids) as number[],
    priceChange: r.price_change === null ? null : (JSON.parse(r.price_change) as PriceChange),
    ignoredAt: r.ignored_at,
    priceAnomalyId: r.price_anomaly_id,
  };
}

/**
 * Stores what detection found in some groups (`scope`, or every group): a stream seen
 * before keeps its id (and the person's ignore); one of those groups no longer found is
 * deleted unless the person ignores it (so the ignore holds if it comes back under the
 * same key).
 */
export function saveStreams(
  sqlite: SqliteDatabase,
  found: readonly DetectedStream[],
  scope: ReadonlySet<string> | 'all',
  nowIso: string,
): void {
  const upsert = sqlite.prepare(
    `INSERT INTO streams (key, account_id, merchant, kind, cadence, currency, amount_cents, amount_min_cents, amount_max_cents,
       first_date, last_date, last_amount_cents, next_date, status, transaction_ids, price_change, detected_at, updated_at)
     VALUES (@key, @accountId, @merchant, @kind, @cadence, @currency, @amountCents, @amountMinCents, @amountMaxCents,
       @firstDate, @lastDate, @lastAmountCents, @nextDate, @status, @ids, @priceChange, @now, @now)
     ON CONFLICT (key) DO UPDATE SET merchant = excluded.merchant, kind = excluded.kind, currency = excluded.currency,
       amount_cents = excluded.amount_cents, amount_min_cents = excluded.amount_min_cents,
       amount_max_cents = excluded.amount_max_cents, last_date = excluded.last_date,
       last_amount_cents = excluded.last_amount_cents, next_date = excluded.next_date, status = excluded.status,
       transaction_ids = excluded.transaction_ids, price_change = excluded.price_change, updated_at = excluded.updated_at`,
  );
  const foundKeys = new Set(found.map((s) => s.key));
  const remove = sqlite.prepare('DELETE FROM streams WHERE id = ?');
  sqlite.transaction(() => {
    for (const s of found) {
      upsert.run({
        ...s,
        ids: JSON.stringify(s.transactionIds),
        priceChange: s.priceChange && JSON.stringify(s.priceChange),
        now: nowIso,
      });
    }
    for (const { id, key } of sqlite.prepare('SELECT id, key FROM streams WHERE ignored_at IS NULL').all() as {
      id: number;
      key: string;
    }[]) {
      if (!foundKeys.has(key) && (scope === 'all' || scope.has(streamGroup(key)))) remove.run(id);
    }
  })();
}

/** The stored streams outside `skip` given the day's status (a stream ends by time alone). */
export function redateStreams(sqlite: SqliteDatabase, today: string, skip: ReadonlySet<string>, nowIso: string): void {
  const update = sqlite.prepare('UPDATE streams SET status = ?, updated_at = ? WHERE id = ?');
  for (const r of sqlite
    .prepare('SELECT id, key, cadence, next_date, status, json_array_length(transaction_ids) AS n FROM streams')
    .all() as {
    id: number;
    key: string;
    cadence: StreamRow['cadence'];
    next_date: string;
    status: StreamRow['status'];
    n: number;
  }[]) {
    if (skip.has(streamGroup(r.key))) continue;
    const status = streamStatus(r.next_date, r.cadence, r.n, today);
    if (status !== r.status) update.run(status, nowIso, r.id);
  }
}

/** Streams with the price_increase anomaly of their price step, if one was raised. */
const SELECT_STREAMS = `SELECT s.*, (SELECT a.id FROM anomalies a
    WHERE a.transaction_id = json_extract(s.price_change, '$.transactionId') AND a.type = 'price_increase') AS price_anomaly_id
  FROM streams s`;

export function listStreams(sqlite: SqliteDatabase, filter: { accountId?: number; all: boolean }): StoredStream[] {
  const rows = sqlite
    .prepare(
      `${SELECT_STREAMS}
       WHERE (? IS NULL OR s.account_id = ?) AND (? OR (s.status <> 'ended' AND s.ignored_at IS NULL))
       ORDER BY s.next_date, s.id`,
    )
    .all(filter.accountId ?? null, filter.accountId ?? null, filter.all ? 1 : 0) as StreamRow[];
  return rows.map(toStream);
}

export function findStream(sqlite: SqliteDatabase, id: number): StoredStream | undefined {
  const row = sqlite.prepare(`${SELECT_STREAMS} WHERE s.id = ?`).get(id) as StreamRow | undefined;
  return row && toStream(row);
}

export function ignoreStream(sqlite: SqliteDatabase, id: number, nowIso: string): void {
  sqlite.prepare('UPDATE streams SET ignored_at = ?, updated_at = ? WHERE id = ? AND ignored_at IS NULL').run(nowIso, nowIso, id);
}

/** What the stored streams were found from: every row up to an id, and the marks since; and on which day. */
export interface StreamState {
  rowsThrough: number;
  day: string;
}

/** The stored state, or undefined before the first detection (or after a migration that wants a full one). */
export function streamState(sqlite: SqliteDatabase): StreamState | undefined {
  const version = sqlite.prepare('SELECT version FROM stream_state WHERE id = 1').pluck().get() as string;
  const m = /^rows (\d+) on (\d{4}-\d{2}-\d{2})$/.exec(version);
  return m ? { rowsThrough: Number(m[1]), day: m[2]! } : undefined;
}

export function setStreamState(sqlite: SqliteDatabase, state: StreamState | undefined): void {
  sqlite
    .prepare('UPDATE stream_state SET version = ? WHERE id = 1')
    .run(state ? `rows ${state.rowsThrough} on ${state.day}` : '');
}
