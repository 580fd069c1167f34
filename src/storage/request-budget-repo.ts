import type { Database as SqliteDatabase } from 'better-sqlite3';

/**
 * Counts one request of a connection against its daily budget, atomically: two
 * processes (the daemon and a person's sync) never both take the last request. Returns
 * false, counting nothing, when the day's `limit` is used.
 */
export function spendRequest(sqlite: SqliteDatabase, connectionId: number, day: string, limit: number): boolean {
  const result = sqlite
    .prepare(
      `UPDATE connections
          SET requests_used = CASE WHEN requests_day = ? THEN requests_used + 1 ELSE 1 END, requests_day = ?
        WHERE id = ? AND (requests_day IS NOT ? OR requests_used < ?)`,
    )
    .run(day, day, connectionId, day, limit);
  return result.changes === 1;
}

export function readRequestCount(sqlite: SqliteDatabase, connectionId: number): { day: string | null; used: number } {
  const row = sqlite
    .prepare('SELECT requests_day AS day, requests_used AS used FROM connections WHERE id = ?')
    .get(connectionId) as { day: string | null; used: number } | undefined;
  return row ?? { day: null, used: 0 };
}

/**
 * Counts one sync of an account against its daily allowance (PSD2: a bank may refuse a
 * fifth read a day without the person), atomically as spendRequest. Returns false,
 * counting nothing, when the day's `limit` is used.
 */
export function spendAccountSync(sqlite: SqliteDatabase, accountId: number, day: string, limit: number): boolean {
  const result = sqlite
    .prepare(
      `UPDATE accounts
          SET syncs_used = CASE WHEN syncs_day = ? THEN syncs_used + 1 ELSE 1 END, syncs_day = ?
        WHERE id = ? AND (syncs_day IS NOT ? OR syncs_used < ?)`,
    )
    .run(day, day, accountId, day, limit);
  return result.changes === 1;
}

/** The bank said the day's reads are used: none is tried again until the next day. */
export function useUpAccountSyncs(sqlite: SqliteDatabase, accountId: number, day: string, limit: number): void {
  sqlite
    .prepare(
      'UPDATE accounts SET syncs_day = ?, syncs_used = max(?, CASE WHEN syncs_day = ? THEN syncs_used ELSE 0 END) WHERE id = ?',
    )
    .run(day, limit, day, accountId);
}

/** Each open account's syncs of a connection: the day they count and how many. */
export function readAccountSyncs(sqlite: SqliteDatabase, connectionId: number): { day: string | null; used: number }[] {
  return sqlite
    .prepare('SELECT syncs_day AS day, syncs_used AS used FROM accounts WHERE connection_id = ? AND closed = 0')
    .all(connectionId) as { day: string | null; used: number }[];
}
