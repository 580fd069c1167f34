import type { AccountType, NormalizedAccount } from '../../core/account';
import type { NormalizedTransaction } from '../../core/bank-transaction';
import { parseMoney } from '../../core/money';
import { NormalizeError } from '../errors';
import { rawIssue, rawStringField } from '../raw-issue';
import {
  bankCAccountSchema,
  type BankCTransaction,
  bankCTransactionSchema,
  isoFromEuDate,
  wellFormedBankCTransaction,
} from './schema';

const TYPES: Readonly<Record<string, AccountType>> = {
  CURRENT: 'checking',
  SAVINGS: 'savings',
  CARD: 'credit',
  LOAN: 'loan',
  SECURITIES: 'investment',
};

export function normalizeBankCAccount(raw: unknown): NormalizedAccount {
  const parsed = bankCAccountSchema.safeParse(raw);
  if (!parsed.success) throw new NormalizeError('bankc', rawIssue(parsed.error, raw), raw);
  const account = parsed.data;
  const currency = account.balance.currency.toUpperCase();
  const cents = parseMoney(account.balance.amount, { decimal: ',', currency });
  if (cents === undefined)
    throw new NormalizeError('bankc', `balance.amount: not an amount (got "${account.balance.amount}")`, raw);
  return {
    providerAccountId: account.iban,
    name: account.product,
    type: TYPES[account.account_type] ?? 'checking',
    currency,
    // BankC's balances are already signed: what is owed is negative.
    balanceCents: cents,
  };
}

export function normalizeBankCTransaction(raw: unknown): NormalizedTransaction {
  const txn = wellFormedBankCTransaction(raw) ?? parseBankCTransaction(raw);
  const currency = txn.currency.toUpperCase();
  const cents = parseMoney(txn.amount, { decimal: ',', currency });
  const date = isoFromEuDate(txn.booking_date);
  if (cents === undefined) throw new NormalizeError('bankc', `amount: not an amount (got "${txn.amount}")`, raw);
  if (date === undefined) throw new NormalizeError('bankc', `booking_date: not a real date (got "${txn.booking_date}")`, raw);
  return {
    providerTxnId: txn.transaction_id,
    // BankC never names the pending record a booked one replaces.
    pendingTxnId: null,
    date,
    amountCents: cents,
    currency,
    description: txn.remittance_info,
    merchant: txn.counterparty.name,
    pending: txn.booking_status === 'pending',
    providerCategory: null,
  };
}

function parseBankCTransaction(raw: unknown): BankCTransaction {
  const parsed = bankCTransactionSchema.safeParse(raw);
  if (!parsed.success) throw new NormalizeError('bankc', rawIssue(parsed.error, raw), raw);
  return parsed.data;
}

export function bankCRawTransactionId(raw: unknown): string | undefined {
  return rawStringField(raw, 'transaction_id');
}
