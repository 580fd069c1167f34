import { describe, expect, it } from 'vitest';
import { NormalizeError } from '../../../src/providers/errors';
import { bankCRawTransactionId, normalizeBankCAccount, normalizeBankCTransaction } from '../../../src/providers/bankc/normalize';
import { euroText } from '../../../src/providers/bankc/server';
import { listIn, malformedCases } from './support';

describe('BankC normalizer', () => {
  it('maps accounts to cents and the common types, in upper-case currency', () => {
    expect(listIn('bankc/accounts.json', 'accounts').map(normalizeBankCAccount)).toEqual([
      {
        providerAccountId: 'DE37999123458105640607',
        name: 'Girokonto',
        type: 'checking',
        currency: 'EUR',
        balanceCents: -325684,
      },
      { providerAccountId: 'DE76999123454194468082', name: 'Tagesgeld', type: 'savings', currency: 'EUR', balanceCents: 2175895 },
    ]);
  });

  it('maps a page of transactions to exact normalized values', () => {
    const normalized = listIn('bankc/transactions-page.json', 'transactions').map(normalizeBankCTransaction);
    expect(normalized[0]).toEqual({
      providerTxnId: '45252fe7-df14-44fa-f0d4-6e19cce78a41',
      pendingTxnId: null,
      date: '2025-03-01',
      amountCents: 465340,
      currency: 'EUR',
      description: 'LOHN/GEHALT ACME GMBH',
      merchant: 'ACME GmbH',
      pending: false,
      providerCategory: null,
    });
    expect(normalized[3]).toEqual({
      providerTxnId: 'da468df3-05fe-408e-3893-caf62fdd07c3',
      pendingTxnId: null,
      date: '2025-03-10',
      amountCents: -5182,
      currency: 'EUR',
      description: 'ALDI SUED 9853//Muenchen/DE',
      merchant: 'ALDI SUED Dienstleistungs-SE',
      pending: true,
      providerCategory: null,
    });
    expect(normalized.map((t) => t.amountCents)).toEqual([465340, -157000, -600, -5182, -123456789]);
    expect(normalized[4]).toMatchObject({ date: '2024-02-29', currency: 'EUR' });
  });

  it('writes amounts the way it reads them', () => {
    expect(euroText(-123456789)).toBe('-1.234.567,89');
    expect(euroText(5)).toBe('0,05');
    expect(euroText(100000)).toBe('1.000,00');
  });

  it.each(malformedCases('bankc', 'transactions'))('rejects a transaction with $problem, naming $field', ({ field, record }) => {
    expect(() => normalizeBankCTransaction(record)).toThrow(NormalizeError);
    expect(() => normalizeBankCTransaction(record)).toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  it.each(malformedCases('bankc', 'accounts'))('rejects an account with $problem, naming $field', ({ field, record }) => {
    expect(() => normalizeBankCAccount(record)).toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  it('reads the id of a raw record when it can', () => {
    expect(bankCRawTransactionId({ transaction_id: 'x-1' })).toBe('x-1');
    expect(bankCRawTransactionId('x')).toBeUndefined();
  });
});
