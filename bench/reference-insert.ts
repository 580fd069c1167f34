import type { Database as SqliteDatabase } from 'better-sqlite3';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/storage/open-database';

const COLUMNS = [
  'account_id',
  'provider_txn_id',
  'pending_txn_id',
  'content_hash',
  'occurrence',
  'date',
  'amount_cents',
  'currency',
  'description',
  'merchant',
  'merchant_src',
  'category',
  'category_src',
  'provider_category',
  'pending',
  'created_ms',
  'updated_ms',
  'payee_id',
];

/**
 * The reference for sync ingest: the same rows, already normalized, inserted with a bare
 * prepared statement into the same tables and indexes (a fresh database at the same
 * schema), one transaction per batch of the size the sync commits. Returns the
 * milliseconds spent inserting, and the row count.
 */
export function referenceInsert(sourceDb: string, home: string, pageSize: number): { ms: number; rows: number } {
  const source = new Database(sourceDb, { readonly: true });
  source.defaultSafeIntegers(true);
  const { sqlite: target } = openDatabase(home, { nowIso: new Date(0).toISOString() });
  copyAccounts(source, target);
  const insert = target.prepare(`INSERT INTO transactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const writePage = target.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(...row);
  });
  const read = source.prepare(`SELECT ${COLUMNS.join(', ')} FROM transactions ORDER BY id`).raw(true);
  let ms = 0;
  let rows = 0;
  let page: unknown[][] = [];
  const flush = () => {
    const start = performance.now();
    writePage.immediate(page);
    ms += performance.now() - start;
    rows += page.length;
    page = [];
  };
  for (const row of read.iterate() as Iterable<unknown[]>) {
    page.push(row);
    if (page.length === pageSize) flush();
  }
  if (page.length > 0) flush();
  source.close();
  target.close();
  return { ms, rows };
}

function copyAccounts(source: SqliteDatabase, target: SqliteDatabase): void {
  const rows = source
    .prepare('SELECT id, provider, provider_account_id, name, type, currency, created_at, updated_at FROM accounts')
    .all() as Record<string, unknown>[];
  const insert = target.prepare(
    'INSERT INTO accounts (id, provider, provider_account_id, name, type, currency, created_at, updated_at) VALUES (@id, @provider, @provider_account_id, @name, @type, @currency, @created_at, @updated_at)',
  );
  for (const row of rows) insert.run(row);
}
