import type { Database as SqliteDatabase } from 'better-sqlite3';

/** Custom currencies resolved from their URL once (SimpleFIN), read synchronously by the provider. */
export function findCustomCurrency(sqlite: SqliteDatabase, url: string): string | undefined {
  const row = sqlite.prepare('SELECT abbr FROM custom_currencies WHERE url = ?').get(url) as { abbr: string } | undefined;
  return row?.abbr;
}

export function saveCustomCurrency(sqlite: SqliteDatabase, url: string, abbr: string, name: string, nowIso: string): void {
  sqlite
    .prepare(
      `INSERT INTO custom_currencies (url, abbr, name, resolved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (url) DO UPDATE SET abbr = excluded.abbr, name = excluded.name, resolved_at = excluded.resolved_at`,
    )
    .run(url, abbr, name, nowIso);
}
