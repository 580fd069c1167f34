import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { AnomalyTx, AnomalyType, Finding, Severity } from '../core/anomalies/types';
import type { SplitPart } from '../core/split';
import type { Db } from './kysely';
import { partsCountSql } from './splits-repo';

export interface StoredAnomaly {
  id: number;
  transactionId: number;
  accountId: number;
  type: AnomalyType;
  severity: Severity;
  score: number;
  description: string;
  detectedAt: string;
  dismissedAt: string | null;
  /** The transaction's date, for ordering and windows. */
  date: string;
}

/** Stores findings; one per transaction and type, so running again adds no copies. */
export function saveFindings(sqlite: SqliteDatabase, findings: readonly Finding[], nowIso: string): number {
  const insert = sqlite.prepare(
    `INSERT INTO anomalies (transaction_id, account_id, type, severity, score, description, detected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id, type) DO NOTHING`,
  );
  let added = 0;
  sqlite.transaction(() => {
    for (const f of findings)
      added += insert.run(f.transactionId, f.accountId, f.type, f.severity, f.score, f.description, nowIso).changes;
  })();
  return added;
}

/** Which rows the detectors read, beyond their accounts (all when empty) and first date. */
export interface AnomalyRowsFilter {
  /** Only rows with a greater id (a sync's new ones). */
  afterId?: number;
}

/** Rows the detectors read: not removed, of some accounts (all when empty), from a date on. */
export function anomalyRows(
  sqlite: SqliteDatabase,
  accountIds: readonly number[],
  from: string,
  filter: AnomalyRowsFilter = {},
): AnomalyTx[] {
  const where = ['removed = 0', 'date >= ?'];
  const args: unknown[] = [from];
  // A sync's new rows by their id range: `+` keeps the planner off the date and account
  // indexes, which would read the whole window to find them.
  const plus = filter.afterId !== undefined && filter.afterId > 0 ? '+' : '';
  if (plus) {
    where[1] = '+date >= ?';
    where.push('id > ?');
    args.push(filter.afterId);
  }
  if (accountIds.length > 0) {
    where.push(`${plus}account_id IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(accountIds));
  }
  const rows = sqlite
    .prepare(
      // A paired transfer moves the person's own money whatever its category says: the
      // detectors read it as a transfer, never as spending.
      `SELECT id, account_id, date, amount_cents, currency, merchant, description,
              CASE WHEN transfer_id IS NULL THEN category ELSE 'transfer' END, pending
       FROM transactions WHERE ${where.join(' AND ')}`,
    )
    .raw()
    .all(...args) as [number, number, string, number, string, string | null, string, string, number][];
  const parts = splitPartsFrom(sqlite, accountIds, from);
  return rows.map(([id, accountId, date, amountCents, currency, merchant, description, category, pending]) => ({
    id,
    accountId,
    date,
    amountCents,
    currency,
    merchant,
    description,
    category,
    pending: pending === 1,
    ...(parts.has(id) ? { parts: parts.get(id) } : {}),
  }));
}

/**
 * The parts that count of split rows (not transfers) of some accounts from a date on, by
 * row id. CROSS JOIN keeps the few split rows leading (SQLite would scan the date range).
 */
function splitPartsFrom(sqlite: SqliteDatabase, accountIds: readonly number[], from: string): Map<number, SplitPart[]> {
  const rows = sqlite
    .prepare(
      `SELECT s.transaction_id, s.category, s.amount_cents FROM transaction_splits s CROSS JOIN transactions t ON t.id = s.transaction_id
       WHERE t.removed = 0 AND t.transfer_id IS NULL AND t.date >= ? AND ${partsCountSql('t')}
       ${accountIds.length > 0 ? 'AND t.account_id IN (SELECT value FROM json_each(?))' : ''}
       ORDER BY s.transaction_id, s.position`,
    )
    .raw()
    .all(...(accountIds.length > 0 ? [from, JSON.stringify(accountIds)] : [from])) as [number, string, number][];
  const parts = new Map<number, SplitPart[]>();
  for (const [id, category, cents] of rows) {
    const list = parts.get(id);
    if (list) list.push({ category, cents });
    else parts.set(id, [{ category, cents }]);
  }
  return parts;
}

/** The merchant names any account paid before a date (for "new merchant", judged on the household). */
export function merchantsBefore(sqlite: SqliteDatabase, before: string): string[] {
  return sqlite
    .prepare('SELECT DISTINCT coalesce(merchant, description) FROM transactions WHERE date < ? AND removed = 0')
    .pluck()
    .all(before) as string[];
}

export async function listAnomalies(
  db: Db,
  filter: { accountId?: number; from?: string; includeDismissed: boolean },
): Promise<StoredAnomaly[]> {
  let query = db
    .selectFrom('anomalies as an')
    .innerJoin('transactions as t', 't.id', 'an.transaction_id')
    .select([
      'an.id',
      'an.transaction_id',
      'an.account_id',
      'an.type',
      'an.severity',
      'an.score',
      'an.description',
      'an.detected_at',
      'an.dismissed_at',
      't.date',
    ])
    .where('t.removed', '=', 0)
    .orderBy('t.date', 'desc')
    .orderBy('an.id', 'desc');
  if (!filter.includeDismissed) query = query.where('an.dismissed_at', 'is', null);
  if (filter.accountId !== undefined) query = query.where('an.account_id', '=', filter.accountId);
  if (filter.from !== undefined) query = query.where('t.date', '>=', filter.from);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    transactionId: r.transaction_id,
    accountId: r.account_id,
    type: r.type,
    severity: r.severity,
    score: r.score,
    description: r.description,
    detectedAt: r.detected_at,
    dismissedAt: r.dismissed_at,
    date: r.date,
  }));
}

/** Hides an anomaly for good; false when there is none with that id. */
export async function dismissAnomaly(db: Db, id: number, nowIso: string): Promise<'dismissed' | 'already' | 'missing'> {
  const row = await db.selectFrom('anomalies').select('dismissed_at').where('id', '=', id).executeTakeFirst();
  if (!row) return 'missing';
  if (row.dismissed_at !== null) return 'already';
  await db.updateTable('anomalies').set({ dismissed_at: nowIso }).where('id', '=', id).execute();
  return 'dismissed';
}
