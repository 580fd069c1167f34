import { describe, expect, it } from 'vitest';
import { NormalizeError } from '../../../src/providers/errors';
import { bankARawTransactionId, normalizeBankAAccount, normalizeBankATransaction } from '../../../src/providers/banka/normalize';
import { listIn, malformedCases } from './support';

describe('BankA normalizer', () => {
  it('maps accounts to cents and the common types, with card debt negative', () => {
    expect(listIn('banka/accounts.json', 'accounts').map(normalizeBankAAccount)).toEqual([
      {
        providerAccountId: 'ACCT6670290501',
        name: 'Everyday Checking',
        type: 'checking',
        currency: 'USD',
        balanceCents: 1067370,
      },
      {
        providerAccountId: 'ACCT9027809866',
        name: 'High Yield Savings',
        type: 'savings',
        currency: 'USD',
        balanceCents: 3748092,
      },
      { providerAccountId: 'ACCT8846140651', name: 'Cash Rewards Visa', type: 'credit', currency: 'USD', balanceCents: -823759 },
    ]);
  });

  it('maps a page of transactions to exact normalized values', () => {
    const normalized = listIn('banka/transactions-page.json', 'transactions').map(normalizeBankATransaction);
    expect(normalized[0]).toEqual({
      providerTxnId: 'TXNC273CB9A69357A59',
      pendingTxnId: null,
      date: '2025-03-01',
      amountCents: 1103380,
      currency: 'USD',
      description: 'ACH DEP ACME CORP PAYROLL',
      merchant: null,
      pending: false,
      providerCategory: null,
    });
    expect(normalized[2]).toEqual({
      providerTxnId: 'TXN5BDC5F689FA14FE4',
      pendingTxnId: null,
      date: '2025-03-01',
      amountCents: -2561,
      currency: 'USD',
      description: 'CHECKCARD 0301 UBER *TRIP HELP.UBER.COM CA',
      merchant: 'Uber',
      pending: false,
      providerCategory: 'Travel',
    });
    expect(normalized.map((t) => t.amountCents)).toEqual([1103380, -275000, -2561, -6012, -16000, -3016, -1999]);
    expect(normalized.map((t) => t.pending)).toEqual([false, false, false, false, false, true, true]);
  });

  it('takes the date in the bank calendar, not UTC', () => {
    // 23:02 at -05:00 is already the next day in UTC.
    const late = listIn('banka/transactions-page.json', 'transactions')[5];
    expect(normalizeBankATransaction(late).date).toBe('2025-03-10');
  });

  it('rounds float dollars without drift', () => {
    const drifted = listIn('banka/transactions-page.json', 'transactions')[6];
    expect(normalizeBankATransaction(drifted)).toMatchObject({ amountCents: -1999, providerCategory: null });
  });

  it.each(malformedCases('banka', 'transactions'))('rejects a transaction with $problem, naming $field', ({ field, record }) => {
    expect(() => normalizeBankATransaction(record)).toThrow(NormalizeError);
    expect(() => normalizeBankATransaction(record)).toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  it.each(malformedCases('banka', 'accounts'))('rejects an account with $problem, naming $field', ({ field, record }) => {
    expect(() => normalizeBankAAccount(record)).toThrow(new RegExp(`^${field}: `));
  });

  it('reads the id of a raw record when it can', () => {
    expect(bankARawTransactionId({ txn_id: 'TXN1' })).toBe('TXN1');
    expect(bankARawTransactionId({ txn_id: 12 })).toBeUndefined();
    expect(bankARawTransactionId(null)).toBeUndefined();
  });
});
