import type { AccountType, NormalizedAccount } from '../../core/account';
import type { NormalizedTransaction } from '../../core/bank-transaction';
import { NormalizeError } from '../errors';
import { rawIssue, rawStringField } from '../raw-issue';
import {
  bankBAccountSchema,
  type BankBTransaction,
  bankBTransactionSchema,
  isoFromUsDate,
  wellFormedBankBTransaction,
} from './schema';

const TYPES: Readonly<Record<string, AccountType>> = {
  checking: 'checking',
  savings: 'savings',
  credit: 'credit',
  loan: 'loan',
  brokerage: 'investment',
};

export function normalizeBankBAccount(raw: unknown): NormalizedAccount {
  const parsed = bankBAccountSchema.safeParse(raw);
  if (!parsed.success) throw new NormalizeError('bankb', rawIssue(parsed.error, raw), raw);
  const account = parsed.data;
  const type = TYPES[account.type] ?? 'checking';
  // BankB shows what a card or loan owes as a positive balance; finagg counts it as negative.
  const owed = type === 'credit' || type === 'loan';
  return {
    providerAccountId: account.account_number,
    name: account.nickname,
    type,
    currency: account.currency_code.toUpperCase(),
    balanceCents: (owed ? -account.balance_amount : account.balance_amount) || 0,
  };
}

export function normalizeBankBTransaction(raw: unknown): NormalizedTransaction {
  const txn = wellFormedBankBTransaction(raw) ?? parseBankBTransaction(raw);
  const date = isoFromUsDate(txn.date);
  if (date === undefined) throw new NormalizeError('bankb', `date: not a real date (got "${txn.date}")`, raw);
  return {
    providerTxnId: txn.transaction_id,
    pendingTxnId: txn.pending_transaction_id,
    date,
    amountCents: (txn.direction === 'debit' ? -txn.amount : txn.amount) || 0,
    currency: txn.iso_currency_code.toUpperCase(),
    description: txn.memo,
    merchant: txn.payee,
    pending: txn.pending,
    providerCategory: txn.personal_finance_category,
  };
}

function parseBankBTransaction(raw: unknown): BankBTransaction {
  const parsed = bankBTransactionSchema.safeParse(raw);
  if (!parsed.success) throw new NormalizeError('bankb', rawIssue(parsed.error, raw), raw);
  return parsed.data;
}

export function bankBRawTransactionId(raw: unknown): string | undefined {
  return rawStringField(raw, 'transaction_id');
}
