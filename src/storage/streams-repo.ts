import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { DetectedStream, RecurringRow } from '../core/recurring/detect';
import type { StreamsTable } from './schema';

/** A stream as stored: what detection found, its id, and whether the person ignores it. */
export interface StoredStream extends DetectedStream {
  id: number;
  ignoredAt: string | null;
}

/** Rows of a payee seen this often a month or less may be a stream; a daily coffee is not. */
const MAX_PER_MONTH = 6;

/**
 * The live rows that could be part of a stream: posted, of payees that come at most
 * weekly-and-a-bit on average (one grouped pass picks them, then their rows are read).
 * Paired transfers carry the other account, so a monthly sweep is one payee.
 */
export function recurringCandidates(sqlite: SqliteDatabase): RecurringRow[] {
  // One grouped pass names the rows of the payees that qualify; they are then read by id
  // (joining the groups back to the table ran a scan per group: 40 s at a million rows).
  const ids = sqlite
    .prepare(
      `SELECT json_group_array(id) FROM transactions
       WHERE removed = 0 AND pending = 0
       GROUP BY account_id, amount_cents > 0, coalesce(merchant, description)
       HAVING count(*) <= ${MAX_PER_MONTH} * (julianday(max(date)) - julianday(min(date)) + 31) / 30.4`,
    )
    .pluck()
    .all() as string[];
  const rows = sqlite
    .prepare(
      `SELECT l.id, l.account_id, l.date, l.amount_cents, l.currency, l.merchant, l.description, l.category,
              CASE WHEN l.transfer_id IS NULL THEN NULL ELSE (
                SELECT q.account_id FROM transfers p
                JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = l.id THEN p.in_transaction_id ELSE p.out_transaction_id END
                WHERE p.id = l.transfer_id) END
       FROM transactions l WHERE l.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(`[${ids.map((list) => list.slice(1, -1)).join(',')}]`) as [
    number,
    number,
    string,
    number,
    string,
    string | null,
    string,
    string,
    number | null,
  ][];
  return rows.map(([id, accountId, date, amountCents, currency, merchant, description, category, transferAccountId]) => ({
    id,
    accountId,
    date,
    amountCents,
    currency,
    merchant,
    description,
    category,
    transferAccountId,
  }));
}

/** A row of `streams` as SQLite gives it (schema.ts). */
type StreamRow = Selectable<StreamsTable>;

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
    ignoredAt: r.ignored_at,
  };
}

/**
 * Stores what detection found: a stream seen before keeps its id (and the person's
 * ignore); one no longer found is deleted unless the person ignores it (so the ignore
 * holds if it comes back under the same key).
 */
export function saveStreams(sqlite: SqliteDatabase, found: readonly DetectedStream[], nowIso: string): void {
  const upsert = sqlite.prepare(
    `INSERT INTO streams (key, account_id, merchant, kind, cadence, currency, amount_cents, amount_min_cents, amount_max_cents,
       first_date, last_date, last_amount_cents, next_date, status, transaction_ids, detected_at, updated_at)
     VALUES (@key, @accountId, @merchant, @kind, @cadence, @currency, @amountCents, @amountMinCents, @amountMaxCents,
       @firstDate, @lastDate, @lastAmountCents, @nextDate, @status, @ids, @now, @now)
     ON CONFLICT (key) DO UPDATE SET merchant = excluded.merchant, kind = excluded.kind, currency = excluded.currency,
       amount_cents = excluded.amount_cents, amount_min_cents = excluded.amount_min_cents,
       amount_max_cents = excluded.amount_max_cents, last_date = excluded.last_date,
       last_amount_cents = excluded.last_amount_cents, next_date = excluded.next_date, status = excluded.status,
       transaction_ids = excluded.transaction_ids, updated_at = excluded.updated_at`,
  );
  sqlite.transaction(() => {
    sqlite.prepare('CREATE TEMP TABLE IF NOT EXISTS found_streams (key TEXT PRIMARY KEY)').run();
    sqlite.prepare('DELETE FROM temp.found_streams').run();
    const mark = sqlite.prepare('INSERT OR IGNORE INTO temp.found_streams (key) VALUES (?)');
    for (const s of found) {
      upsert.run({ ...s, ids: JSON.stringify(s.transactionIds), now: nowIso });
      mark.run(s.key);
    }
    sqlite.prepare('DELETE FROM streams WHERE ignored_at IS NULL AND key NOT IN (SELECT key FROM temp.found_streams)').run();
  })();
}

export function listStreams(sqlite: SqliteDatabase, filter: { accountId?: number; all: boolean }): StoredStream[] {
  const rows = sqlite
    .prepare(
      `SELECT * FROM streams
       WHERE (? IS NULL OR account_id = ?) AND (? OR (status <> 'ended' AND ignored_at IS NULL))
       ORDER BY next_date, id`,
    )
    .all(filter.accountId ?? null, filter.accountId ?? null, filter.all ? 1 : 0) as StreamRow[];
  return rows.map(toStream);
}

export function findStream(sqlite: SqliteDatabase, id: number): StoredStream | undefined {
  const row = sqlite.prepare('SELECT * FROM streams WHERE id = ?').get(id) as StreamRow | undefined;
  return row && toStream(row);
}

export function ignoreStream(sqlite: SqliteDatabase, id: number, nowIso: string): void {
  sqlite.prepare('UPDATE streams SET ignored_at = ?, updated_at = ? WHERE id = ? AND ignored_at IS NULL').run(nowIso, nowIso, id);
}

/**
 * Which state of the data the streams would be found from: the newest row, audit entry
 * (an edit, a removal), pair and sync run. Each is a rowid maximum, so asking is free; a
 * sync, an import, an edit or a pairing moves at least one of them.
 */
export function dataVersion(sqlite: SqliteDatabase): string {
  return [
    'SELECT max(id) FROM transactions',
    'SELECT max(id) FROM audit_log',
    'SELECT max(id) FROM transfers',
    'SELECT max(id) FROM sync_runs',
  ]
    .map((q) => String(sqlite.prepare(q).pluck().get() ?? 0))
    .join('|');
}

export function streamsVersion(sqlite: SqliteDatabase): string {
  return sqlite.prepare('SELECT version FROM stream_state WHERE id = 1').pluck().get() as string;
}

export function setStreamsVersion(sqlite: SqliteDatabase, version: string): void {
  sqlite.prepare('UPDATE stream_state SET version = ? WHERE id = 1').run(version);
}
