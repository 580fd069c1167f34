import { ACCOUNT_TYPES, type AccountType } from '../core/account';
import type { Account } from '../core/connection';
import { AppError, invalidInput } from '../core/errors';
import { ACCOUNT_COLUMNS, accountRowToAccount } from '../storage/accounts-repo';
import type { AppContext } from './context';

export interface NewManualAccount {
  name: string;
  type: string;
  currency: string;
}

/**
 * A manual account: no bank behind it, filled by `finagg import`. Its name must be free
 * among open accounts (and not a number), since commands take an account by id or name.
 */
export async function addManualAccount(ctx: AppContext, input: NewManualAccount): Promise<Account> {
  const name = input.name.trim();
  if (name === '' || name.length > 80 || /[\u0000-\u001f\u007f]/.test(name))
    throw invalidInput(`--name ${JSON.stringify(input.name)}: 1 to 80 printable characters`);
  if (/^\d+$/.test(name)) throw invalidInput(`--name ${JSON.stringify(name)} is a number, which reads as an account id`);
  const type = input.type.toLowerCase();
  if (!(ACCOUNT_TYPES as readonly string[]).includes(type))
    throw invalidInput(`--type ${JSON.stringify(input.type)}: one of ${ACCOUNT_TYPES.join(', ')}`);
  const currency = input.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw invalidInput(`--currency ${JSON.stringify(input.currency)}: a three-letter code like USD`);
  const taken = await ctx.db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('closed', '=', 0)
    .executeTakeFirst();
  if (taken)
    throw new AppError(
      'conflict',
      `an account is already called ${JSON.stringify(name)} (id ${taken.id})`,
      'choose another --name',
    );
  const now = new Date(ctx.clock.nowMs()).toISOString();
  const row = await ctx.db
    .insertInto('accounts')
    .values({
      connection_id: null,
      provider: 'manual',
      provider_account_id: null,
      name,
      type: type as AccountType,
      currency,
      balance_cents: 0,
      balance_at: now,
      sync_cursor: null,
      synced_through: null,
      last_synced_at: null,
      import_mapping: null,
      statement_balance_cents: null,
      statement_balance_date: null,
      created_at: now,
      updated_at: now,
    })
    .returning(ACCOUNT_COLUMNS)
    .executeTakeFirstOrThrow();
  ctx.log.log('info', 'account.added', { account_id: row.id, type, currency });
  return accountRowToAccount(row);
}

/**
 * A manual account's balance: the last balance a statement stated plus the rows dated
 * after it, or the sum of its rows when no statement stated one.
 */
export function refreshManualBalance(ctx: AppContext, accountId: number, nowIso: string): void {
  ctx.sqlite
    .prepare(
      `UPDATE accounts SET
         balance_cents = coalesce(statement_balance_cents, 0) + (
           SELECT coalesce(sum(amount_cents), 0) FROM transactions
           WHERE account_id = accounts.id AND removed = 0
             AND (accounts.statement_balance_date IS NULL OR date > accounts.statement_balance_date)),
         balance_at = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(nowIso, nowIso, accountId);
}
