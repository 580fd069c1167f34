import type { Db } from './kysely';
import type { NormalizedAccount } from '../core/account';
import type { Account } from '../core/connection';
import type { AccountsTable } from './schema';
/** An account by its id, or by its name (case-insensitive) when the text is not a number. */
export async function findAccountRef(db: Db, ref: string): Promise<{ id: number; name: string } | undefined> {
  const query = db.selectFrom('accounts').select(['id', 'name']);
  if (/^\d+$/.test(ref)) return query.where('id', '=', Number(ref)).executeTakeFirst();
  const matches = await query
    .where((eb) => eb(eb.fn('lower', ['name']), '=', ref.toLowerCase()))
    .limit(2)
    .execute();
  return matches.length === 1 ? matches[0] : undefined;
}

type AccountRow = Pick<
  AccountsTable,
  | 'connection_id'
  | 'provider'
  | 'name'
  | 'type'
  | 'balance_cents'
  | 'available_balance_cents'
  | 'balance_date'
  | 'currency'
  | 'last_synced_at'
> & {
  id: number;
};

export const ACCOUNT_COLUMNS = [
  'id',
  'connection_id',
  'provider',
  'name',
  'type',
  'balance_cents',
  'available_balance_cents',
  'balance_date',
  'currency',
  'last_synced_at',
] as const;

export function accountRowToAccount(row: AccountRow): Account {
  return {
    id: row.id,
    connectionId: row.connection_id,
    provider: row.provider,
    name: row.name,
    type: row.type,
    balanceCents: row.balance_cents,
    availableBalanceCents: row.available_balance_cents,
    balanceDate: row.balance_date,
    currency: row.currency,
    lastSyncedAt: row.last_synced_at,
  };
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('closed', '=', 0).orderBy('id').execute();
  return rows.map(accountRowToAccount);
}

export async function listConnectionAccounts(db: Db, connectionId: number): Promise<Account[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(ACCOUNT_COLUMNS)
    .where('connection_id', '=', connectionId)
    .orderBy('id')
    .execute();
  return rows.map(accountRowToAccount);
}

/**
 * Saves the accounts a bank reports under a connection. An account seen before (same
 * bank, same bank id, say after an unlink and a new link) keeps its row and so its
 * history; its name, type and balance take the bank's current values.
 */
export async function upsertBankAccounts(
  db: Db,
  connectionId: number,
  provider: string,
  accounts: readonly NormalizedAccount[],
  nowIso: string,
): Promise<void> {
  for (const a of accounts) {
    // What the bank says now: a new row gets it, a known one takes it.
    const current = {
      connection_id: connectionId,
      name: a.name,
      type: a.type,
      currency: a.currency,
      balance_cents: a.balanceCents,
      available_balance_cents: a.availableBalanceCents ?? null,
      balance_date: a.balanceDate ?? null,
      balance_at: nowIso,
      updated_at: nowIso,
    };
    await db
      .insertInto('accounts')
      .values({ ...current, provider, provider_account_id: a.providerAccountId, created_at: nowIso })
      .onConflict((oc) =>
        oc
          .columns(['provider', 'provider_account_id'])
          .where('provider_account_id', 'is not', null)
          .doUpdateSet({ ...current, closed: 0 }),
      )
      .execute();
  }
}
