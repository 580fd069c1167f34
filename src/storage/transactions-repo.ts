import { sql } from 'kysely';
import type { Transaction, TransactionFilter } from '../core/transaction';
import { categorySubtree } from './categories-repo';
import { SPLITS_TO_REVIEW } from './splits-repo';
import type { Db } from './kysely';
import type { TransactionsTable } from './schema';

type TransactionRow = Pick<
  TransactionsTable,
  | 'account_id'
  | 'date'
  | 'amount_cents'
  | 'currency'
  | 'description'
  | 'merchant'
  | 'category'
  | 'pending'
  | 'note'
  | 'transfer_id'
> & { id: number; transfer_account_id: number | null };

export function transactionRowToTransaction(row: TransactionRow): Transaction {
  return {
    id: row.id,
    accountId: row.account_id,
    date: row.date,
    amountCents: row.amount_cents,
    currency: row.currency,
    description: row.description,
    merchant: row.merchant,
    category: row.category,
    pending: row.pending === 1,
    note: row.note,
    transferId: row.transfer_id,
    transferAccountId: row.transfer_account_id,
  };
}

/** The columns a Transaction is made of (transactionRowToTransaction). */
export const TRANSACTION_COLUMNS = [
  'id',
  'account_id',
  'date',
  'amount_cents',
  'currency',
  'description',
  'merchant',
  'category',
  'pending',
  'note',
  'transfer_id',
] as const;

/** SQL for the account of the other side of the transfer of a row of `alias`, or null. */
export function transferAccountSql(alias: string): string {
  return `CASE WHEN ${alias}.transfer_id IS NULL THEN NULL ELSE (
    SELECT q.account_id FROM transfers p
    JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = ${alias}.id THEN p.in_transaction_id ELSE p.out_transaction_id END
    WHERE p.id = ${alias}.transfer_id) END`;
}

/** What a Transaction is made of: its columns and the other account of its transfer. */
export const TRANSACTION_SELECTION = [
  ...TRANSACTION_COLUMNS,
  sql<number | null>`${sql.raw(transferAccountSql('transactions'))}`.as('transfer_account_id'),
] as const;

/** LIKE with the person's text taken literally (no % or _ wildcards of their own). */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Transactions that are not removed, filtered and paged. Ordered newest first by
 * default; the (date, id) order is total, so paging never repeats or skips a row.
 */
export async function listTransactions(db: Db, filter: TransactionFilter): Promise<Transaction[]> {
  let query = db.selectFrom('transactions').select(TRANSACTION_SELECTION).where('removed', '=', 0);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.category !== undefined) {
    // A leaf is one index range; a top-level category is its children's ranges too.
    const names = await categorySubtree(db, filter.category);
    // A split row is listed under each of its parts' categories too. Only a home with a
    // part in these categories pays for the OR; every other keeps the one index range.
    const splitPart = await db
      .selectFrom('transaction_splits')
      .select('transaction_id')
      .where('category', 'in', names)
      .limit(1)
      .executeTakeFirst();
    if (splitPart)
      query = query.where((eb) =>
        eb.or([
          eb('category', 'in', names),
          eb('id', 'in', eb.selectFrom('transaction_splits').select('transaction_id').where('category', 'in', names)),
        ]),
      );
    else query = names.length === 1 ? query.where('category', '=', filter.category) : query.where('category', 'in', names);
  }
  if (filter.from !== undefined) query = query.where('date', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('date', '<=', filter.to);
  if (filter.pendingOnly) query = query.where('pending', '=', 1);
  if (filter.review) query = query.where('id', 'in', sql<number>`(${sql.raw(SPLITS_TO_REVIEW)})`);
  if (filter.minCents !== undefined) query = query.where(sql<number>`abs(amount_cents)`, '>=', filter.minCents);
  if (filter.maxCents !== undefined) query = query.where(sql<number>`abs(amount_cents)`, '<=', filter.maxCents);
  if (filter.merchant !== undefined) {
    query = query.where(sql<boolean>`merchant LIKE ${likeContains(filter.merchant)} ESCAPE '\\'`);
  }
  if (filter.search !== undefined) {
    const pattern = likeContains(filter.search);
    query = query.where(
      sql<boolean>`(description LIKE ${pattern} ESCAPE '\\' OR merchant LIKE ${pattern} ESCAPE '\\' OR note LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  const direction = filter.ascending ? 'asc' : 'desc';
  query =
    filter.sort === 'amount'
      ? query.orderBy(sql`abs(amount_cents)`, direction).orderBy('id', direction)
      : query.orderBy('date', direction).orderBy('id', direction);
  const rows = await query.limit(filter.limit).offset(filter.offset).execute();
  return rows.map(transactionRowToTransaction);
}
