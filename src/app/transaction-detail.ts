import { sql } from 'kysely';
import { AppError } from '../core/errors';
import type { SplitPart } from '../core/split';
import type { Transaction } from '../core/transaction';
import { readSplits } from '../storage/splits-repo';
import { transactionRowToTransaction, transferAccountSql } from '../storage/transactions-repo';
import type { AppContext } from './context';

export interface TransactionDetail {
  transaction: Transaction;
  accountName: string;
  providerTxnId: string | null;
  /** The bank's second line of text, when it gave one. */
  memo: string | null;
  /** user, rule, learned (a rule learned from the person's edits), builtin, provider or none. */
  categorySource: string;
  /** For a learned category: the transactions whose edits taught it. */
  learnedFrom: number[] | null;
  removed: boolean;
  createdAt: string;
  updatedAt: string;
  /** The other side of its transfer between own accounts, when paired. */
  transfer: TransferSide | null;
  /** Its parts (`tx split`) in their order; empty when it is not split. */
  splits: SplitPart[];
}

export interface TransferSide {
  transactionId: number;
  accountId: number;
  accountName: string;
  date: string;
  confidence: number;
  source: 'auto' | 'user';
}

/** One transaction by id, removed ones included (a person may look one up from the audit). */
export async function transactionDetail(ctx: AppContext, id: number): Promise<TransactionDetail> {
  const row = await ctx.db
    .selectFrom('transactions as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.account_id',
      't.date',
      't.amount_cents',
      't.currency',
      't.description',
      't.merchant',
      't.category',
      't.pending',
      't.note',
      't.transfer_id',
      sql<number | null>`${sql.raw(transferAccountSql('t'))}`.as('transfer_account_id'),
      't.memo',
      't.provider_txn_id',
      't.category_source',
      sql<string | null>`(SELECT r.learned_from FROM rules r WHERE r.id = t.rule_id)`.as('learned_from'),
      't.removed',
      't.created_at',
      't.updated_at',
      'a.name as account_name',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no transaction ${id}`, 'see finagg tx');
  return {
    transaction: transactionRowToTransaction(row),
    accountName: row.account_name,
    providerTxnId: row.provider_txn_id,
    memo: row.memo,
    categorySource: row.category_source === 'rule' && row.learned_from !== null ? 'learned' : row.category_source,
    learnedFrom: row.learned_from === null ? null : (JSON.parse(row.learned_from) as number[]),
    removed: row.removed === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    transfer: row.transfer_id === null ? null : otherSide(ctx, row.id, row.transfer_id),
    splits: await readSplits(ctx.db, id),
  };
}

function otherSide(ctx: AppContext, id: number, transferId: number): TransferSide | null {
  const other = ctx.sqlite
    .prepare(
      `SELECT t.id AS transactionId, t.account_id AS accountId, a.name AS accountName, t.date, p.confidence, p.source
       FROM transfers p
       JOIN transactions t ON t.id = CASE WHEN p.out_transaction_id = ? THEN p.in_transaction_id ELSE p.out_transaction_id END
       JOIN accounts a ON a.id = t.account_id
       WHERE p.id = ?`,
    )
    .get(id, transferId) as TransferSide | undefined;
  return other ?? null;
}
