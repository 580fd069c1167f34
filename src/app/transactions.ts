import { closestName, noSuchCategory } from '../core/closest-name';
import { AppError } from '../core/errors';
import type { WithSplits } from '../core/split';
import type { Transaction, TransactionFilter } from '../core/transaction';
import { findAccountRef } from '../storage/accounts-repo';
import { listCategoryNames } from '../storage/categories-repo';
import { splitsOf } from '../storage/splits-repo';
import { listTransactions } from '../storage/transactions-repo';
import type { AppContext } from './context';

export interface TransactionQuery extends Omit<TransactionFilter, 'accountId'> {
  /** An account id or name, as typed. */
  account?: string;
}

/** `finagg tx`: validates the references a person typed, then queries; split rows come with their parts. */
export async function queryTransactions(ctx: AppContext, query: TransactionQuery): Promise<WithSplits<Transaction>[]> {
  const { account, ...filter } = query;
  let accountId: number | undefined;
  if (account !== undefined) {
    const found = await findAccountRef(ctx.db, account);
    if (!found) throw new AppError('not_found', `no account ${JSON.stringify(account)}`, 'see finagg accounts');
    accountId = found.id;
  }
  if (filter.category !== undefined) {
    const names = await listCategoryNames(ctx.db);
    // `home improvement` and `Home-Improvement` name `home-improvement`.
    const typed = filter.category;
    filter.category = names.includes(typed) ? typed : typed.trim().toLowerCase().replace(/\s+/g, '-');
    if (!names.includes(filter.category))
      throw noSuchCategory(typed, names, 'see finagg categories', closestName(filter.category, names));
  }
  const rows = await listTransactions(ctx.db, { ...filter, accountId });
  const splits = await splitsOf(
    ctx.db,
    rows.map((t) => t.id),
  );
  return rows.map((t) => ({ ...t, splits: splits.get(t.id) ?? null }));
}
