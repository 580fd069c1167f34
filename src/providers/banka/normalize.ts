import type { AccountType, NormalizedAccount } from '../../core/account';
import type { NormalizedTransaction } from '../../core/bank-transaction';
import { moneyFromNumber } from '../../core/money';
import { NormalizeError } from '../errors';
import { rawIssue, rawStringField } from '../raw-issue';
import { bankAAccountSchema, type BankATransaction, bankATransactionSchema, wellFormedBankATransaction } from './schema';

const TYPES: Readonly<Record<string, AccountType>> = {
  CHECKING: 'checking',
  SAVINGS: 'savings',
  CREDIT_CARD: 'credit',
  LOAN: 'loan',
  BROKERAGE: 'investment',
};

export function normalizeBankAAccount(raw: unknown): NormalizedAccount {
  const parsed = bankAAccountSchema.safeParse(raw);
  if (!parsed.success) throw new NormalizeError('banka', rawIssue(parsed.error, raw), raw);
  const account = parsed.data;
  const currency = account.curr.toUpperCase();
  const cents = moneyFromNumber(account.current_balance, currency);
  const type = TYPES[account.acct_type];
  if (cents === undefined || type === undefined) throw new NormalizeError('banka', 'current_balance: not an amount', raw);
  // BankA shows what a card or loan owes as a positive balance; finagg counts it as negative.
  const owed = type === 'credit' || type === 'loan';
  return {
    providerAccountId: account.acct_id,
    name: account.acct_name,
    type,
    currency,
    balanceCents: (owed ? -cents : cents) || 0,
  };
}

export function normalizeBankATransaction(raw: unknown): NormalizedTransaction {
  const txn = wellFormedBankATransaction(raw) ?? parseBankATransaction(raw);
  const cents = moneyFromNumber(txn.txn_amount, 'USD');
  // A float with sub-cent digits is a broken record, not something to round away.
  if (cents === undefined || Math.abs(txn.txn_amount * 100 - cents) > 1e-6 * Math.max(1, Math.abs(cents))) {
    throw new NormalizeError('banka', `txn_amount: not an amount in cents (got ${txn.txn_amount})`, raw);
  }
  return {
    providerTxnId: txn.txn_id,
    // BankA keeps one id through pending and completed and never names a pending record.
    pendingTxnId: null,
    date: txn.txn_date.slice(0, 10),
    amountCents: cents,
    currency: 'USD',
    description: txn.txn_desc,
    merchant: txn.merchant_info?.name ?? null,
    pending: txn.txn_status === 'pending',
    providerCategory: txn.merchant_info?.category ?? null,
  };
}

function parseBankATransaction(raw: unknown): BankATransaction {
  const parsed = bankATransactionSchema.safeParse(raw);
  if (!parsed.success) throw new NormalizeError('banka', rawIssue(parsed.error, raw), raw);
  return parsed.data;
}

export function bankARawTransactionId(raw: unknown): string | undefined {
  return rawStringField(raw, 'txn_id');
}
