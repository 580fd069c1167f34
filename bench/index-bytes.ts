import Database from 'better-sqlite3';

/**
 * What each part of the transactions table costs on disk, from SQLite's `dbstat` table:
 * the table and each of its indexes, in bytes a transaction. Read from a backup file (a
 * `VACUUM INTO` copy: each b-tree packed, as a person's backup holds it).
 */
export function transactionBytes(file: string, rows: number): { name: string; bytesPerRow: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    const parts = db
      .prepare(
        `SELECT name, sum(pgsize) AS bytes FROM dbstat
         WHERE name = 'transactions' OR name IN (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'transactions')
         GROUP BY name ORDER BY bytes DESC`,
      )
      .all() as { name: string; bytes: number }[];
    return parts.map((p) => ({ name: p.name, bytesPerRow: p.bytes / rows }));
  } finally {
    db.close();
  }
}
