import { describe, expect, it } from 'vitest';
import { builtinTopOf } from '../../../src/core/categories/taxonomy';
import { categoryOfMcc, MCC_CATEGORIES } from '../../../src/providers/enablebanking/mcc';
import {
  enableBankingAccountKey,
  enableBankingRawTransactionId,
  normalizeEnableBankingAccount,
  normalizeEnableBankingTransaction,
  occurrenceFacts,
} from '../../../src/providers/enablebanking/normalize';
import type { EnableBankingAccountRecord, EnableBankingTransactionRecord } from '../../../src/providers/enablebanking/schema';
import { NormalizeError } from '../../../src/providers/errors';

/** A booked card purchase, as the API reference describes a Transaction. */
const PURCHASE = {
  entry_reference: '2025030112345',
  transaction_id: null,
  transaction_amount: { currency: 'EUR', amount: '12.30' },
  credit_debit_indicator: 'DBIT',
  status: 'BOOK',
  booking_date: '2025-03-03',
  value_date: '2025-03-02',
  transaction_date: '2025-03-01',
  creditor: { name: 'REWE Markt GmbH' },
  creditor_account: null,
  debtor: null,
  remittance_information: ['REWE SAGT DANKE', '  Filiale 4711  '],
  reference_number: null,
  merchant_category_code: '5411',
  bank_transaction_code: { description: 'Kartenzahlung', code: 'PMNT', sub_code: 'CCRD' },
  note: null,
};

function txn(fields: Record<string, unknown> = {}, occurrence = 0): EnableBankingTransactionRecord {
  return { transaction: { ...PURCHASE, ...fields }, occurrence };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NormalizeError);
    if (error instanceof NormalizeError) {
      expect(error.provider).toBe('enablebanking');
      expect(error.message).not.toMatch(/\n/);
      return error.message;
    }
  }
  throw new Error('expected a NormalizeError');
}

describe('Enable Banking transaction amounts', () => {
  it('reads money out (DBIT) as negative and money in (CRDT) as positive, in exact cents', () => {
    expect(normalizeEnableBankingTransaction(txn()).amountCents).toBe(-1230);
    expect(normalizeEnableBankingTransaction(txn({ credit_debit_indicator: 'CRDT' })).amountCents).toBe(1230);
    expect(
      normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EUR', amount: '1234567.89' } })).amountCents,
    ).toBe(-123456789);
    // Trailing zeros beyond the currency's decimals are exact.
    expect(
      normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EUR', amount: '12.300' } })).amountCents,
    ).toBe(-1230);
  });

  it('reads yen, which have no decimals, as whole units', () => {
    const yen = normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'jpy', amount: '1200' } }));
    expect(yen).toMatchObject({ amountCents: -1200, currency: 'JPY' });
    expect(
      reasonOf(() => normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'JPY', amount: '12.5' } }))),
    ).toMatch(/"12\.5".*decimal places/);
  });

  it('refuses an amount more precise than its currency, a negative one and one that is not a number, naming the value', () => {
    expect(
      reasonOf(() => normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EUR', amount: '12.305' } }))),
    ).toMatch(/transaction_amount\.amount.*"12\.305"/);
    expect(
      reasonOf(() => normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EUR', amount: '-12.30' } }))),
    ).toMatch(/not a positive decimal.*"-12\.30"/);
    for (const amount of ['12,30', 'abc', '', '1e3', '.5', 'NaN'])
      expect(
        reasonOf(() => normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EUR', amount } }))),
      ).toContain(JSON.stringify(amount));
    expect(
      reasonOf(() => normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EURO', amount: '1' } }))),
    ).toMatch(/transaction_amount\.currency/);
  });

  it('gives zero, never minus zero, for a zero debit', () => {
    const zero = normalizeEnableBankingTransaction(txn({ transaction_amount: { currency: 'EUR', amount: '0.00' } }));
    expect(Object.is(zero.amountCents, 0)).toBe(true);
  });
});

describe('Enable Banking transaction dates and status', () => {
  it('dates a booked record by its booking date, else its value date, else its transaction date', () => {
    expect(normalizeEnableBankingTransaction(txn())).toMatchObject({ date: '2025-03-03', pending: false });
    expect(normalizeEnableBankingTransaction(txn({ booking_date: null })).date).toBe('2025-03-02');
    expect(normalizeEnableBankingTransaction(txn({ booking_date: null, value_date: undefined })).date).toBe('2025-03-01');
  });

  it('dates a pending or held record by when it happened, else its value date, else its booking date', () => {
    expect(normalizeEnableBankingTransaction(txn({ status: 'PDNG' }))).toMatchObject({ date: '2025-03-01', pending: true });
    expect(normalizeEnableBankingTransaction(txn({ status: 'HOLD', transaction_date: null }))).toMatchObject({
      date: '2025-03-02',
      pending: true,
    });
    expect(normalizeEnableBankingTransaction(txn({ status: 'PDNG', transaction_date: null, value_date: null })).date).toBe(
      '2025-03-03',
    );
  });

  it('refuses a record without any date, or with a date that is not one', () => {
    expect(
      reasonOf(() => normalizeEnableBankingTransaction(txn({ booking_date: null, value_date: null, transaction_date: null }))),
    ).toMatch(/booking_date: missing/);
    expect(reasonOf(() => normalizeEnableBankingTransaction(txn({ booking_date: '2025-02-30' })))).toMatch(
      /booking_date.*"2025-02-30"/,
    );
    expect(reasonOf(() => normalizeEnableBankingTransaction(txn({ booking_date: '03.03.2025' })))).toMatch(/booking_date/);
  });

  it('refuses the statuses finagg does not store (the provider leaves them out before)', () => {
    for (const status of ['CNCL', 'RJCT', 'SCHD', 'OTHR', 'INFO'])
      expect(reasonOf(() => normalizeEnableBankingTransaction(txn({ status })))).toMatch(/does not store/);
    expect(reasonOf(() => normalizeEnableBankingTransaction(txn({ status: 'book' })))).toMatch(/status/);
    expect(reasonOf(() => normalizeEnableBankingTransaction(txn({ status: 'toString' })))).toMatch(/status/);
  });
});

describe('Enable Banking transaction texts', () => {
  it('joins the remittance lines, trimmed and with single spaces', () => {
    expect(normalizeEnableBankingTransaction(txn()).description).toBe('REWE SAGT DANKE Filiale 4711');
  });

  it('falls back to the counterparty, then the bank transaction code, then a fixed text', () => {
    expect(normalizeEnableBankingTransaction(txn({ remittance_information: [] })).description).toBe('REWE Markt GmbH');
    expect(normalizeEnableBankingTransaction(txn({ remittance_information: null, creditor: null })).description).toBe(
      'Kartenzahlung',
    );
    expect(
      normalizeEnableBankingTransaction(txn({ remittance_information: ['  ', null], creditor: {}, bank_transaction_code: null }))
        .description,
    ).toBe('Enable Banking transaction');
  });

  it('strips control characters and escape sequences from bank text', () => {
    const t = normalizeEnableBankingTransaction(
      txn({
        remittance_information: ['\u001b]0;pwned\u0007Pay\u0000ment\u001b[2J', 'to\tyou'],
        creditor: { name: '\u202eACME' },
      }),
    );
    expect(t.description).toBe('Payment to you');
    expect(t.merchant).toBe('ACME');
  });

  it('takes the merchant from the creditor of money out and the debtor of money in', () => {
    expect(normalizeEnableBankingTransaction(txn()).merchant).toBe('REWE Markt GmbH');
    const income = normalizeEnableBankingTransaction(
      txn({ credit_debit_indicator: 'CRDT', debtor: { name: 'ACME Payroll' }, creditor: { name: 'Me' } }),
    );
    expect(income.merchant).toBe('ACME Payroll');
    expect(normalizeEnableBankingTransaction(txn({ creditor: null })).merchant).toBeNull();
    expect(normalizeEnableBankingTransaction(txn({ creditor: { name: '   ' } })).merchant).toBeNull();
  });

  it('keeps the reference number and the note as the memo', () => {
    expect(normalizeEnableBankingTransaction(txn()).memo).toBeNull();
    expect(normalizeEnableBankingTransaction(txn({ reference_number: 'RF18 5390 0754 7034' })).memo).toBe('RF18 5390 0754 7034');
    expect(normalizeEnableBankingTransaction(txn({ reference_number: 'INV-7', note: 'rent March' })).memo).toBe(
      'INV-7 · rent March',
    );
  });

  it('hints a category from the merchant category code only where it maps clearly', () => {
    expect(normalizeEnableBankingTransaction(txn()).providerCategory).toBe('groceries');
    expect(normalizeEnableBankingTransaction(txn({ merchant_category_code: '5812' })).providerCategory).toBe('dining');
    expect(normalizeEnableBankingTransaction(txn({ merchant_category_code: '3005' })).providerCategory).toBe('flights');
    expect(normalizeEnableBankingTransaction(txn({ merchant_category_code: '5999' })).providerCategory).toBeNull();
    expect(normalizeEnableBankingTransaction(txn({ merchant_category_code: 5411 })).providerCategory).toBeNull();
    expect(normalizeEnableBankingTransaction(txn({ merchant_category_code: null })).providerCategory).toBeNull();
    expect(categoryOfMcc('541')).toBeNull();
  });

  it('hints only categories that finagg has', () => {
    for (const category of MCC_CATEGORIES) expect(builtinTopOf(category), category).toBeDefined();
  });
});

describe('Enable Banking transaction ids', () => {
  it('takes the entry reference when the bank gives one; never a pending link', () => {
    const t = normalizeEnableBankingTransaction(txn());
    expect(t).toMatchObject({ providerTxnId: 'ref:2025030112345', pendingTxnId: null });
    expect(enableBankingRawTransactionId(txn())).toBe('ref:2025030112345');
  });

  it('numbers identical records without a reference apart, and the same again on a second fetch', () => {
    const first = normalizeEnableBankingTransaction(txn({ entry_reference: null }, 0)).providerTxnId;
    const second = normalizeEnableBankingTransaction(txn({ entry_reference: null }, 1)).providerTxnId;
    expect(first).toMatch(/^seq:[0-9a-f]{16}:0$/);
    expect(second).toMatch(/^seq:[0-9a-f]{16}:1$/);
    expect(first.split(':')[1]).toBe(second.split(':')[1]);
    expect(normalizeEnableBankingTransaction(txn({ entry_reference: '' }, 0)).providerTxnId).toBe(first);
    // Another day, amount, direction, status or text is another record.
    for (const change of [
      { booking_date: '2025-03-04' },
      { transaction_amount: { currency: 'EUR', amount: '12.31' } },
      { credit_debit_indicator: 'CRDT' },
      { status: 'PDNG' },
      { remittance_information: ['REWE'] },
    ])
      expect(normalizeEnableBankingTransaction(txn({ entry_reference: null, ...change }, 0)).providerTxnId).not.toBe(first);
    // The same amount written another way is the same record.
    expect(
      normalizeEnableBankingTransaction(
        txn({ entry_reference: null, transaction_amount: { currency: 'EUR', amount: '12.3' } }, 0),
      ).providerTxnId,
    ).toBe(first);
  });

  it('gives the provider the date and the shared key of a reference-less record, and no key for one with a reference', () => {
    expect(occurrenceFacts({ ...PURCHASE, entry_reference: null })).toEqual({
      date: '2025-03-03',
      key: normalizeEnableBankingTransaction(txn({ entry_reference: null })).providerTxnId.split(':')[1],
    });
    expect(occurrenceFacts(PURCHASE)).toEqual({ date: '2025-03-03', key: null });
    expect(occurrenceFacts({ ...PURCHASE, status: 'CNCL' })).toBeUndefined();
  });

  it('gives the id of a refused record when it has a reference, else none', () => {
    const refused = txn({ booking_date: 'soon' });
    expect(() => normalizeEnableBankingTransaction(refused)).toThrow(NormalizeError);
    expect(enableBankingRawTransactionId(refused)).toBe('ref:2025030112345');
    expect(enableBankingRawTransactionId(txn({ booking_date: 'soon', entry_reference: null }))).toBeUndefined();
    expect(enableBankingRawTransactionId(null)).toBeUndefined();
  });

  it('refuses a wrapper without an occurrence number, or a bank record that is not an object', () => {
    expect(reasonOf(() => normalizeEnableBankingTransaction({ transaction: PURCHASE }))).toMatch(/occurrence/);
    expect(reasonOf(() => normalizeEnableBankingTransaction({ transaction: 'x', occurrence: 0 }))).toMatch(/^transaction: /);
    expect(reasonOf(() => normalizeEnableBankingTransaction({ occurrence: 0 }))).toMatch(/transaction: missing/);
  });
});

/** A current account as POST /sessions lists it. */
const GIRO = {
  uid: '0d3c7e0e-1c5a-4b55-9b0e-3d7c1e2f9a10',
  account_id: { iban: 'de89 3704 0044 0532 0130 00' },
  all_account_ids: [{ identification: 'DE89370400440532013000', scheme_name: 'IBAN' }],
  name: 'Erika Mustermann',
  details: null,
  product: 'Girokonto Plus',
  cash_account_type: 'CACC',
  currency: 'EUR',
  identification_hash: 'WwpbcGFtZXRlcl0K',
  identification_hashes: ['WwpbcGFtZXRlcl0K'],
};

const BALANCES = [
  { name: 'Booked', balance_amount: { currency: 'EUR', amount: '1523.42' }, balance_type: 'ITBD', reference_date: '2025-03-03' },
  { name: 'Closing', balance_amount: { currency: 'EUR', amount: '1500.00' }, balance_type: 'CLBD', reference_date: '2025-03-02' },
  {
    name: 'Available',
    balance_amount: { currency: 'EUR', amount: '1723.42' },
    balance_type: 'ITAV',
    last_change_date_time: '2025-03-03T10:15:00+01:00',
  },
];

function acct(fields: Record<string, unknown> = {}, balances: unknown[] = BALANCES): EnableBankingAccountRecord {
  return { account: { ...GIRO, ...fields }, balances };
}

describe('Enable Banking accounts', () => {
  it('reads a current account: its IBAN as the key, its product as the name, the closing balance first', () => {
    expect(normalizeEnableBankingAccount(acct())).toEqual({
      providerAccountId: 'iban:DE89370400440532013000',
      name: 'Girokonto Plus',
      type: 'checking',
      currency: 'EUR',
      balanceCents: 150000,
      availableBalanceCents: 172342,
      balanceDate: '2025-03-02T00:00:00.000Z',
    });
  });

  it('keys an account by its other identification, else by its identification hash', () => {
    const card = { account_id: { other: { identification: '5555 **** 4444', scheme_name: 'CPAN' } }, cash_account_type: 'CARD' };
    expect(normalizeEnableBankingAccount(acct(card)).providerAccountId).toBe('other:CPAN:5555 **** 4444');
    expect(normalizeEnableBankingAccount(acct({ account_id: null })).providerAccountId).toBe('hash:WwpbcGFtZXRlcl0K');
    expect(enableBankingAccountKey({ ...GIRO, account_id: {} })).toBe('hash:WwpbcGFtZXRlcl0K');
    expect(reasonOf(() => normalizeEnableBankingAccount(acct({ account_id: {}, identification_hash: null })))).toMatch(
      /account_id: missing/,
    );
    expect(enableBankingAccountKey({ ...GIRO, account_id: {}, identification_hash: '' })).toBeUndefined();
    expect(reasonOf(() => normalizeEnableBankingAccount(acct({ account_id: { iban: 'not an iban!' } })))).toMatch(
      /account_id\.iban/,
    );
  });

  it('types accounts by cash_account_type', () => {
    const typeOf = (cash_account_type: unknown) => normalizeEnableBankingAccount(acct({ cash_account_type })).type;
    expect(typeOf('CACC')).toBe('checking');
    expect(typeOf('CASH')).toBe('checking');
    expect(typeOf('OTHR')).toBe('checking');
    expect(typeOf(null)).toBe('checking');
    expect(typeOf('SVGS')).toBe('savings');
    expect(typeOf('CARD')).toBe('credit');
    expect(typeOf('LOAN')).toBe('loan');
    expect(typeOf('constructor')).toBe('checking');
  });

  it('names an account by its details, else its product, else its type and the last digits of its number', () => {
    expect(normalizeEnableBankingAccount(acct({ details: 'Haushaltskonto' })).name).toBe('Haushaltskonto');
    expect(normalizeEnableBankingAccount(acct({ product: null })).name).toBe('Current account ··3000');
    expect(normalizeEnableBankingAccount(acct({ product: ' ', cash_account_type: 'SVGS' })).name).toBe('Savings account ··3000');
    expect(normalizeEnableBankingAccount(acct({ product: null, account_id: null })).name).toBe('Current account');
  });

  it('chooses the booked balance by type and the available one apart, and reads negative balances', () => {
    const only = (...types: string[]) => BALANCES.filter((b) => types.includes(b.balance_type));
    expect(normalizeEnableBankingAccount(acct({}, only('ITBD', 'ITAV')))).toMatchObject({
      balanceCents: 152342,
      availableBalanceCents: 172342,
      balanceDate: '2025-03-03T00:00:00.000Z',
    });
    // No booked balance: what can be spent is the balance, dated by its last change.
    expect(normalizeEnableBankingAccount(acct({}, only('ITAV')))).toMatchObject({
      balanceCents: 172342,
      availableBalanceCents: 172342,
      balanceDate: '2025-03-03T09:15:00.000Z',
    });
    const card = [{ balance_amount: { currency: 'EUR', amount: '-512.07' }, balance_type: 'XPCD' }];
    expect(normalizeEnableBankingAccount(acct({ cash_account_type: 'CARD' }, card))).toMatchObject({
      type: 'credit',
      balanceCents: -51207,
      availableBalanceCents: null,
      balanceDate: null,
    });
  });

  it('ignores balances of another currency or that cannot be read, and refuses an account with none left', () => {
    const usd = { balance_amount: { currency: 'USD', amount: '99.00' }, balance_type: 'CLBD' };
    expect(normalizeEnableBankingAccount(acct({}, [usd, 'junk', ...BALANCES])).balanceCents).toBe(150000);
    expect(reasonOf(() => normalizeEnableBankingAccount(acct({}, [usd])))).toMatch(/balances: none in EUR/);
    expect(reasonOf(() => normalizeEnableBankingAccount(acct({}, [])))).toMatch(/balances: none/);
  });

  it('refuses a chosen balance whose amount is not exact money, naming it', () => {
    const bad = [{ balance_amount: { currency: 'EUR', amount: '1.234,56' }, balance_type: 'CLBD' }];
    expect(reasonOf(() => normalizeEnableBankingAccount(acct({}, bad)))).toMatch(/balances\[CLBD\].*"1\.234,56"/);
  });

  it('refuses a record that is not an account with balances', () => {
    expect(reasonOf(() => normalizeEnableBankingAccount({ account: GIRO }))).toMatch(/balances/);
    expect(reasonOf(() => normalizeEnableBankingAccount(acct({ currency: undefined })))).toMatch(/currency: missing/);
    expect(reasonOf(() => normalizeEnableBankingAccount(null))).toMatch(/^record: /);
  });
});
