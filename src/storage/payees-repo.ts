import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

/**
 * Payee keys as the numbers rows store (migration 024): a home has a few hundred payees
 * and a million rows, so each row holds a small integer instead of the key's text, in the
 * table and in the payee index. Queries that know a key find its number with
 * PAYEE_ID_OF, a lookup in the small `payees` table.
 */
export const PAYEE_ID_OF = '(SELECT id FROM payees WHERE key = ?)';

/** The key's text of a row `alias` (for reads that group by key). */
export const payeeKeyOf = (alias: string) => `(SELECT key FROM payees WHERE id = ${alias}.payee_id)`;

/**
 * Numbers payee keys, adding the new ones. Used inside a write transaction; what it
 * remembers lasts until `forget`, called when a transaction starts, so a number from a
 * transaction that was rolled back is never reused.
 */
export class PayeeIds {
  private readonly add: Statement;
  private readonly find: Statement;
  private readonly known = new Map<string, number>();

  constructor(sqlite: SqliteDatabase) {
    this.add = sqlite.prepare('INSERT OR IGNORE INTO payees (key) VALUES (?)');
    this.find = sqlite.prepare('SELECT id FROM payees WHERE key = ?').pluck();
  }

  forget(): void {
    this.known.clear();
  }

  idOf(key: string): number {
    let id = this.known.get(key);
    if (id === undefined) {
      id = this.find.get(key) as number | undefined;
      if (id === undefined) {
        this.add.run(key);
        id = this.find.get(key) as number;
      }
      this.known.set(key, id);
    }
    return id;
  }
}
