import { AppError } from '../core/errors';
import type { Transaction, TransactionFilter } from '../core/transaction';
import { findAccountRef } from '../storage/accounts-repo';
import { listCategoryNames } from '../storage/categories-repo';
import { listTransactions } from '../storage/transactions-repo';
import type { AppContext } from './context';

export interface TransactionQuery extends Omit<TransactionFilter, 'accountId'> {
  /** An account id or name, as typed. */
  account?: string;
}

/** `finagg tx`: validates the references a person typed, then queries. */
export async function queryTransactions(ctx: AppContext, query: TransactionQuery): Promise<Transaction[]> {
  const { account, ...filter } = query;
  let accountId: number | undefined;
  if (account !== undefined) {
    const found = await findAccountRef(ctx.db, account);
    if (!found) throw new AppError('not_found', `no account ${JSON.stringify(account)}`, 'see finagg accounts');
    accountId = found.id;
  }
  if (filter.category !== undefined) {
    const names = await listCategoryNames(ctx.db);
    if (!names.includes(filter.category)) {
      throw new AppError('not_found', `no category ${JSON.stringify(filter.category)}`, `categories: ${names.join(', ')}`);
    }
  }
  return listTransactions(ctx.db, { ...filter, accountId });
}
