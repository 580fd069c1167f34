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
