import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { HouseholdRow } from '../core/anomalies/history';
import { merchantKey } from '../core/anomalies/types';

/**
 * The rows whose payee index entry may mislead, of every account, keyed here from their
 * text: pending rows (the index holds posted ones), rows marked changed since the streams
 * were refreshed (their stored key may be stale, migration 010) and rows without a key.
 * Few, and read whole once.
 */
export class LooseRows {
  /** Their ids: a merchant read through the payee index skips these. */
  readonly ids = new Set<number>();
  private readonly byAccount = new Map<string, HouseholdRow[]>();
  private readonly byMerchant = new Map<string, HouseholdRow[]>();

  constructor(sqlite: SqliteDatabase, accountsJson: string) {
    const columns = 'id, account_id, date, amount_cents, currency, merchant, description, pending';
    const ofAccounts = 'account_id IN (SELECT value FROM json_each(?))';
    const rows = [
      ...sqlite
        // The planner would take the content index by account and read every row.
        .prepare(`SELECT ${columns} FROM transactions INDEXED BY transactions_pending WHERE pending = 1 AND removed = 0`)
        .raw()
        .all(),
      ...sqlite
        .prepare(`SELECT ${columns} FROM transactions WHERE id IN (SELECT transaction_id FROM stream_dirty) AND removed = 0`)
        .raw()
        .all(),
      ...sqlite
        .prepare(
          `SELECT ${columns} FROM transactions INDEXED BY transactions_payee
           WHERE ${ofAccounts} AND payee_id IS NULL AND removed = 0 AND pending = 0`,
        )
        .raw()
        .all(accountsJson),
    ] as [number, number, string, number, string, string | null, string, number][];
    for (const [id, accountId, date, amountCents, currency, merchant, description, pending] of rows) {
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      const key = merchantKey({ merchant, description });
      const row = { id, accountId, date, amountCents, currency, pending: pending === 1 };
      push(this.byAccount, `${accountId}\u0000${key}`, row);
      push(this.byMerchant, key, row);
    }
  }

  /** The account's loose rows at a merchant (by key). */
  ofAccount(accountId: number, key: string): readonly HouseholdRow[] {
    return this.byAccount.get(`${accountId}\u0000${key}`) ?? [];
  }

  /** Every account's loose rows at a merchant (by key). */
  ofHousehold(key: string): readonly HouseholdRow[] {
    return this.byMerchant.get(key) ?? [];
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
