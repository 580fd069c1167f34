import { describe, expect, it } from 'vitest';
import { NormalizeError } from '../../../src/providers/errors';
import { bankBRawTransactionId, normalizeBankBAccount, normalizeBankBTransaction } from '../../../src/providers/bankb/normalize';
import { listIn, malformedCases } from './support';

describe('BankB normalizer', () => {
  it('maps accounts to cents and the common types, with card debt negative', () => {
    expect(listIn('bankb/accounts.json', 'accounts').map(normalizeBankBAccount)).toEqual([
      { providerAccountId: '583948609524', name: 'Online Checking', type: 'checking', currency: 'USD', balanceCents: 1281986 },
      { providerAccountId: '689059512184', name: 'Platinum Mastercard', type: 'credit', currency: 'USD', balanceCents: -823697 },
    ]);
  });

  it('maps a page of transactions to exact normalized values', () => {
    const normalized = listIn('bankb/transactions-page.json', 'added').map(normalizeBankBTransaction);
    expect(normalized[0]).toEqual({
      providerTxnId: '8PZtN6hYIhrdOBxaigTlFrvUaiXBOg',
      pendingTxnId: null,
      date: '2025-03-01',
      amountCents: 905614,
      currency: 'USD',
      description: 'DIRECT DEP BRIGHTSIDE LLC PAYROLL',
      merchant: 'Brightside LLC',
      pending: false,
      providerCategory: 'INCOME',
    });
    expect(normalized[1]).toEqual({
      providerTxnId: 'qxLXTOzgyEJLIKXP5hrdg6TvUg5Kbv',
      pendingTxnId: 'h3MTKQVNxormL0rFoksSusOSLhUUXG',
      date: '2025-03-01',
      amountCents: -5780,
      currency: 'USD',
      description: 'POS DEBIT TRADER JOE S 5633 AUSTIN TX',
      merchant: "Trader Joe's",
      pending: false,
      providerCategory: 'FOOD_AND_DRINK',
    });
    expect(normalized[2]).toMatchObject({ pending: true, pendingTxnId: null, date: '2025-03-09', amountCents: -9724 });
    expect(normalized[3]).toMatchObject({ merchant: null, amountCents: -16000, providerCategory: 'TRANSFER_OUT' });
    // A zero debit is zero, not minus zero; currency codes come out upper case.
    expect(normalized[4]).toMatchObject({ amountCents: 0, currency: 'USD', date: '2024-12-31', providerCategory: null });
    expect(Object.is(normalized[4]?.amountCents, -0)).toBe(false);
  });

  it.each(malformedCases('bankb', 'transactions'))('rejects a transaction with $problem, naming $field', ({ field, record }) => {
    expect(() => normalizeBankBTransaction(record)).toThrow(NormalizeError);
    expect(() => normalizeBankBTransaction(record)).toThrow(new RegExp(`^${field}: `));
  });

  it.each(malformedCases('bankb', 'accounts'))('rejects an account with $problem, naming $field', ({ field, record }) => {
    expect(() => normalizeBankBAccount(record)).toThrow(new RegExp(`^${field}: `));
  });

  it('reads the id of a raw record when it can', () => {
    expect(bankBRawTransactionId({ transaction_id: 'abc' })).toBe('abc');
    expect(bankBRawTransactionId({ amount: 1 })).toBeUndefined();
  });
});
