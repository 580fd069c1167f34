import { describe, expect, it } from 'vitest';
import { NormalizeError } from '../../../src/providers/errors';
import { inferAccountType } from '../../../src/providers/simplefin/account-type';
import { minorUnits } from '../../../src/providers/simplefin/amount';
import { displayText } from '../../../src/core/display-text';
import {
  normalizeSimpleFinAccount,
  normalizeSimpleFinTransaction,
  simpleFinRawTransactionId,
} from '../../../src/providers/simplefin/normalize';
import {
  accountSetSchema,
  accountShellSchema,
  type SimpleFinAccountRecord,
  type SimpleFinTransactionRecord,
} from '../../../src/providers/simplefin/schema';

const utc = (iso: string) => Date.parse(iso) / 1000;

/** An account of protocol v1, as a Bridge sends it (transactions removed by the adapter). */
const V1_ACCOUNT = {
  org: { domain: 'mybank.com', name: 'My Bank', 'sfin-url': 'https://sfin.mybank.com' },
  id: 'ACT-2930002',
  name: 'Everyday Checking',
  currency: 'USD',
  balance: '100.23',
  'available-balance': '75.23',
  'balance-date': 978366153,
  extra: { 'account-open-date': 978360153 },
};

/** An account of the v2 draft: a connection instead of an org. */
const V2_ACCOUNT = {
  id: '2930002',
  name: 'Savings',
  conn_id: 'CON-10829309823094234',
  conn_name: 'My Bank - Jeff',
  currency: 'USD',
  balance: '1200',
  'balance-date': 978366153,
};

function accountRecord(
  account: Record<string, unknown>,
  currency = 'USD',
  institution: string | null = 'My Bank',
): SimpleFinAccountRecord {
  return { account, currency, institution };
}

const TXN = {
  id: '12394832938403',
  posted: 793090572,
  amount: '-33293.43',
  description: "Uncle Frank's Bait Shop",
};

function txnRecord(fields: Record<string, unknown>, currency = 'USD'): SimpleFinTransactionRecord {
  return { transaction: { ...TXN, ...fields }, currency };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NormalizeError);
    if (error instanceof NormalizeError) {
      expect(error.provider).toBe('simplefin');
      expect(error.message).not.toMatch(/\n/);
      return error.message;
    }
  }
  throw new Error('expected a NormalizeError');
}

describe('SimpleFIN account normalizer', () => {
  it('reads a v1 account: exact cents, available balance, balance date, the bank in the name', () => {
    expect(normalizeSimpleFinAccount(accountRecord(V1_ACCOUNT))).toEqual({
      providerAccountId: 'ACT-2930002',
      name: 'My Bank Everyday Checking',
      type: 'checking',
      currency: 'USD',
      balanceCents: 10023,
      availableBalanceCents: 7523,
      balanceDate: '2001-01-01T16:22:33.000Z',
    });
  });

  it('reads a v2 account without available-balance as null, and keeps a name that already names the bank', () => {
    expect(normalizeSimpleFinAccount(accountRecord(V2_ACCOUNT, 'USD', 'My Bank - Jeff'))).toEqual({
      providerAccountId: '2930002',
      name: 'My Bank - Jeff Savings',
      type: 'savings',
      currency: 'USD',
      balanceCents: 120000,
      availableBalanceCents: null,
      balanceDate: '2001-01-01T16:22:33.000Z',
    });
    const named = normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: 'MY BANK Savings' }, 'USD', 'My Bank'));
    expect(named.name).toBe('MY BANK Savings');
    expect(
      normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, 'available-balance': null })).availableBalanceCents,
    ).toBeNull();
  });

  it('uses the name alone without an institution, and "Account <last 4>" for an empty name', () => {
    expect(normalizeSimpleFinAccount(accountRecord(V2_ACCOUNT, 'USD', null)).name).toBe('Savings');
    expect(normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: '  ' }, 'USD', null)).name).toBe('Account 0002');
    expect(normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: '' }, 'USD', 'My Bank')).name).toBe(
      'My Bank Account 0002',
    );
  });

  it('keeps a custom currency such as reward points, with two decimals', () => {
    const points = normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: 'Flight Miles', balance: '15000.5' }, 'PTS'));
    expect(points).toMatchObject({ currency: 'PTS', balanceCents: 1500050 });
  });

  it('strips control characters and escape sequences from the name and bounds it', () => {
    const account = normalizeSimpleFinAccount(
      accountRecord({ ...V2_ACCOUNT, name: '\u001b]0;pwned\u0007Sav\u0000ings\u001b[2J\n  Plus' }, 'USD', 'My\tBank\u009b31m'),
    );
    expect(account.name).toBe('My Bank Savings Plus');
    const long = normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: 'x'.repeat(300) }, 'USD', null));
    expect(Array.from(long.name)).toHaveLength(100);
  });

  it('infers a credit card from a negative balance when the name says nothing', () => {
    expect(normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: 'Sapphire', balance: '-512.07' })).type).toBe('credit');
    expect(normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, name: 'Sapphire', balance: '512.07' })).type).toBe(
      'checking',
    );
  });

  it('takes a type the server put in extra before the name', () => {
    const account = accountRecord({ ...V2_ACCOUNT, name: 'Primary', extra: { type: 'CREDIT_CARD' } });
    expect(normalizeSimpleFinAccount(account).type).toBe('credit');
    expect(normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, extra: { accountType: 'loan' } })).type).toBe('loan');
    // An unrecognizable extra type leaves the name to decide.
    expect(normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, extra: { type: 'other' } })).type).toBe('savings');
  });

  it.each([
    ['balance', { balance: '1,200.00' }, 'balance: not a numeric string like "-12.34" (got "1,200.00")'],
    ['balance', { balance: '1e3' }, 'balance: not a numeric string like "-12.34" (got "1e3")'],
    ['balance', { balance: '12.345' }, 'balance: more decimals than USD has (got "12.345")'],
    ['balance', { balance: true }, 'balance: not a numeric string (got true)'],
    ['balance', { balance: undefined }, 'balance: missing'],
    ['available-balance', { 'available-balance': '.5' }, 'available-balance: not a numeric string like "-12.34" (got ".5")'],
    ['balance-date', { 'balance-date': '978366153' }, 'balance-date: not a UNIX time in whole seconds (got "978366153")'],
    ['balance-date', { 'balance-date': -1 }, 'balance-date: before 1970 (got -1)'],
    ['balance-date', { 'balance-date': 1e12 }, 'balance-date: after the year 9999 (got 1000000000000)'],
    ['id', { id: '' }, 'id: empty (got "")'],
    ['id', { id: 'x'.repeat(201) }, 'id: longer than 200 characters (got '],
    ['name', { name: 7 }, 'name: '],
  ])('rejects an account with a bad %s, naming it and the value', (_field, fields, reason) => {
    expect(reasonOf(() => normalizeSimpleFinAccount(accountRecord({ ...V2_ACCOUNT, ...fields })))).toContain(reason);
  });

  it('rejects a record whose wrapper is wrong, naming the wrapper field', () => {
    expect(reasonOf(() => normalizeSimpleFinAccount(accountRecord(V2_ACCOUNT, 'usd')))).toBe(
      'currency: not a currency code like USD or PTS (got "usd")',
    );
    expect(reasonOf(() => normalizeSimpleFinAccount({ currency: 'USD', institution: null }))).toBe('account: missing');
    expect(reasonOf(() => normalizeSimpleFinAccount({ account: 'x', currency: 'USD', institution: null }))).toMatch(/^account: /);
    expect(reasonOf(() => normalizeSimpleFinAccount(null))).toMatch(/^record: /);
  });
});

describe('SimpleFIN amounts', () => {
  it.each([
    ['12.5', 'USD', 1250],
    ['1200', 'USD', 120000],
    ['-3.50', 'USD', -350],
    ['+4', 'USD', 400],
    ['0.00', 'USD', 0],
    ['-0.00', 'USD', 0],
    ['12.500', 'USD', 1250],
    [' 7.1 ', 'USD', 710],
    ['0012.50', 'USD', 1250],
    ['1200', 'JPY', 1200],
    ['1200.0', 'JPY', 1200],
    ['1.234', 'KWD', 1234],
    ['-0.5', 'KWD', -500],
    ['15000.5', 'PTS', 1500050],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('reads %s %s as %i minor units, exactly', (text, currency, minor) => {
    const result = minorUnits(text, currency);
    expect(result).toEqual({ ok: true, minor });
    if (result.ok) expect(Object.is(result.minor, -0)).toBe(false);
  });

  it.each([
    ['-4.125', 'USD', 'more decimals than USD has'],
    ['12.5', 'JPY', 'more decimals than JPY has'],
    ['1.2345', 'KWD', 'more decimals than KWD has'],
    ['-.5', 'USD', 'not a numeric string'],
    ['5.', 'USD', 'not a numeric string'],
    ['1,234.56', 'USD', 'not a numeric string'],
    ['1e3', 'USD', 'not a numeric string'],
    ['0x1F', 'USD', 'not a numeric string'],
    ['', 'USD', 'not a numeric string'],
    ['--1', 'USD', 'not a numeric string'],
    ['١٢٣', 'USD', 'not a numeric string'],
    ['90071992547409.92', 'USD', 'too large'],
    ['9'.repeat(400), 'USD', 'too large'],
  ])('refuses %s %s: %s', (text, currency, problem) => {
    const result = minorUnits(text, currency);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(problem);
  });

  it('takes a JSON number through its decimal text when that text is surely what was sent', () => {
    expect(minorUnits(12.5, 'USD')).toEqual({ ok: true, minor: 1250 });
    expect(minorUnits(-0, 'USD')).toEqual({ ok: true, minor: 0 });
    expect(minorUnits(1200, 'JPY')).toEqual({ ok: true, minor: 1200 });
    expect(minorUnits(9007199254740991, 'JPY')).toEqual({ ok: true, minor: 9007199254740991 });
    expect(minorUnits(123456789012.34, 'USD')).toEqual({ ok: true, minor: 12345678901234 });
    // Never float arithmetic: 0.1 + 0.2 is not 30 cents, 1.005 is not 100 or 101 cents.
    expect(minorUnits(0.1 + 0.2, 'USD').ok).toBe(false);
    expect(minorUnits(1.005, 'USD')).toEqual({ ok: false, problem: 'more decimals than USD has' });
    expect(minorUnits(1e-7, 'USD').ok).toBe(false);
    expect(minorUnits(1e21, 'USD').ok).toBe(false);
    expect(minorUnits(Number.NaN, 'USD').ok).toBe(false);
    // Two cent values share one double here: the text the server wrote is lost.
    expect(minorUnits(70368744177664.01, 'USD').ok).toBe(false);
  });
});

describe('SimpleFIN transaction normalizer', () => {
  it('reads a posted transaction, dated by posted in UTC', () => {
    expect(normalizeSimpleFinTransaction(txnRecord({}))).toEqual({
      providerTxnId: '12394832938403',
      pendingTxnId: null,
      date: '1995-02-18',
      amountCents: -3329343,
      currency: 'USD',
      description: "Uncle Frank's Bait Shop",
      merchant: null,
      memo: null,
      pending: false,
      providerCategory: null,
    });
    // 23:30 UTC stays that day, whatever the zone of the machine.
    const late = normalizeSimpleFinTransaction(
      txnRecord({ posted: utc('2025-03-01T23:30:00Z'), transacted_at: utc('2025-02-27T12:00:00Z') }),
    );
    expect(late).toMatchObject({ date: '2025-03-01', pending: false });
  });

  it('marks pending:true as pending and dates it by transacted_at', () => {
    const t = normalizeSimpleFinTransaction(
      txnRecord({ pending: true, posted: utc('2025-03-04T10:00:00Z'), transacted_at: utc('2025-03-02T18:00:00Z') }),
    );
    expect(t).toMatchObject({ pending: true, date: '2025-03-02' });
    expect(normalizeSimpleFinTransaction(txnRecord({ pending: true, posted: utc('2025-03-04T10:00:00Z') })).date).toBe(
      '2025-03-04',
    );
  });

  it('treats posted 0 as pending, dated by transacted_at', () => {
    const t = normalizeSimpleFinTransaction(txnRecord({ posted: 0, transacted_at: utc('2025-03-05T23:59:59Z') }));
    expect(t).toMatchObject({ pending: true, date: '2025-03-05' });
    expect(normalizeSimpleFinTransaction(txnRecord({ posted: 0, pending: false, transacted_at: 86400 })).pending).toBe(true);
  });

  it('keeps payee as the merchant, the memo and the category, all sanitized', () => {
    const t = normalizeSimpleFinTransaction(
      txnRecord({
        description: 'POS \u001b[31mDEBIT\u001b[0m   STARBUCKS #123\r\n',
        payee: '\u202eStarbucks\u0007',
        memo: '  ref 8841  ',
        extra: { category: ' Coffee Shops ' },
      }),
    );
    expect(t).toMatchObject({
      description: 'POS DEBIT STARBUCKS #123',
      merchant: 'Starbucks',
      memo: 'ref 8841',
      providerCategory: 'Coffee Shops',
    });
  });

  it('uses the payee, else the memo, when the description is empty', () => {
    expect(normalizeSimpleFinTransaction(txnRecord({ description: '', payee: 'Acme' })).description).toBe('Acme');
    expect(normalizeSimpleFinTransaction(txnRecord({ description: '\u001b[0m', memo: 'Transfer 88' })).description).toBe(
      'Transfer 88',
    );
    expect(normalizeSimpleFinTransaction(txnRecord({ description: undefined, payee: 'Acme' })).description).toBe('Acme');
  });

  it('bounds long texts', () => {
    const t = normalizeSimpleFinTransaction(
      txnRecord({
        description: 'd'.repeat(2000),
        payee: 'p'.repeat(2000),
        memo: 'm'.repeat(2000),
        extra: { category: 'c'.repeat(90) },
      }),
    );
    expect(Array.from(t.description)).toHaveLength(500);
    expect(Array.from(t.merchant ?? '')).toHaveLength(200);
    expect(Array.from(t.memo ?? '')).toHaveLength(200);
    expect(Array.from(t.providerCategory ?? '')).toHaveLength(60);
  });

  it('ignores an extra that is not an object, or a category that is not text', () => {
    expect(normalizeSimpleFinTransaction(txnRecord({ extra: ['x'] })).providerCategory).toBeNull();
    expect(normalizeSimpleFinTransaction(txnRecord({ extra: { category: 5 } })).providerCategory).toBeNull();
    expect(normalizeSimpleFinTransaction(txnRecord({ extra: 'x' })).providerCategory).toBeNull();
  });

  it('reads null optional fields as absent', () => {
    const t = normalizeSimpleFinTransaction(
      txnRecord({ payee: null, memo: null, pending: null, transacted_at: null, extra: null }),
    );
    expect(t).toMatchObject({ merchant: null, memo: null, pending: false, date: '1995-02-18' });
  });

  it('uses the currency of the account, with its own decimals', () => {
    expect(normalizeSimpleFinTransaction(txnRecord({ amount: '1200' }, 'JPY'))).toMatchObject({
      amountCents: 1200,
      currency: 'JPY',
    });
    expect(normalizeSimpleFinTransaction(txnRecord({ amount: '-1.250' }, 'KWD')).amountCents).toBe(-1250);
  });

  it.each([
    [{ amount: '-4.125' }, 'amount: more decimals than USD has (got "-4.125")'],
    [{ amount: '12.5' }, 'amount: more decimals than JPY has (got "12.5")', 'JPY'],
    [{ amount: 'NaN' }, 'amount: not a numeric string like "-12.34" (got "NaN")'],
    [{ amount: null }, 'amount: not a numeric string (got null)'],
    [{ amount: Number.NaN }, 'amount: not a finite number (got NaN)'],
    [{ amount: 0.1 + 0.2 }, 'amount: a JSON number with more digits than a double keeps exactly (got 0.30000000000000004)'],
    [{ id: undefined }, 'id: missing'],
    [{ id: 42 }, 'id: '],
    [{ id: '\ud800x' }, 'id: not well-formed text'],
    [{ posted: 1.5 }, 'posted: not a UNIX time in whole seconds (got 1.5)'],
    [{ posted: -86400 }, 'posted: before 1970 (got -86400)'],
    [{ posted: 253402300800 }, 'posted: after the year 9999 (got 253402300800)'],
    [{ transacted_at: 'yesterday' }, 'transacted_at: not a UNIX time in whole seconds (got "yesterday")'],
    [{ pending: 'true' }, 'pending: '],
    [{ payee: 5 }, 'payee: '],
    [{ description: undefined }, 'description: missing (and no payee or memo to use instead)'],
    [{ description: '\u0000 ' }, 'description: nothing printable, and no payee or memo to use instead (got "\\u0000 ")'],
    [{ posted: 0 }, 'transacted_at: missing (a pending record with posted 0 needs it)'],
    [{ posted: 0, transacted_at: 0 }, 'transacted_at: not a date, and posted is 0 too (got 0)'],
  ])('rejects %j with a one-line reason naming the field and value', (fields, reason, currency = 'USD') => {
    expect(reasonOf(() => normalizeSimpleFinTransaction(txnRecord(fields, currency)))).toContain(reason);
  });

  it('dates a pending record with no time at all by the day it arrived', () => {
    const raw = {
      transaction: { ...TXN, pending: true, posted: 0, transacted_at: undefined },
      currency: 'USD',
      receivedAt: utc('2026-11-23T08:00:00Z'),
    };
    expect(normalizeSimpleFinTransaction(raw)).toMatchObject({ pending: true, date: '2026-11-23' });
  });

  it('rejects a bad wrapper, naming its field', () => {
    expect(reasonOf(() => normalizeSimpleFinTransaction({ transaction: TXN, currency: 'U' }))).toBe(
      'currency: not a currency code like USD or PTS (got "U")',
    );
    expect(reasonOf(() => normalizeSimpleFinTransaction({ transaction: TXN }))).toBe('currency: missing');
    expect(reasonOf(() => normalizeSimpleFinTransaction({ currency: 'USD' }))).toBe('transaction: missing');
    expect(reasonOf(() => normalizeSimpleFinTransaction({ transaction: [], currency: 'USD' }))).toMatch(/^transaction: /);
  });

  it('reads the id of a raw record when it can', () => {
    expect(simpleFinRawTransactionId(txnRecord({}))).toBe('12394832938403');
    expect(simpleFinRawTransactionId({ transaction: { id: '' } })).toBeUndefined();
    expect(simpleFinRawTransactionId({ transaction: 'x' })).toBeUndefined();
    expect(simpleFinRawTransactionId(null)).toBeUndefined();
  });
});

describe('SimpleFIN account type from the name', () => {
  it.each([
    ['Sapphire Preferred Visa', 'credit'],
    ['Freedom Unlimited Credit Card', 'credit'],
    ['Blue Cash Everyday® Card', 'credit'],
    ['AMEX Gold', 'credit'],
    ['Citi Double Cash Mastercard', 'credit'],
    ['Discover it Cash Back', 'credit'],
    ['Discover Online Savings', 'savings'],
    ['American Express High Yield Savings', 'savings'],
    ['Auto Loan', 'loan'],
    ['Home Mortgage', 'loan'],
    ['HELOC 4471', 'loan'],
    ['Personal Line of Credit', 'loan'],
    ['Individual Brokerage', 'investment'],
    ['Acme 401(k) Plan', 'investment'],
    ['401k', 'investment'],
    ['Roth IRA', 'investment'],
    ['HSA Investment', 'investment'],
    ['Retirement Account', 'investment'],
    ['HSA', 'savings'],
    ['Money Market', 'savings'],
    ['12 Month CD', 'savings'],
    ['Share Certificate', 'savings'],
    ['Way2Save Savings', 'savings'],
    ['Everyday Checking', 'checking'],
    ['Chequing', 'checking'],
    ['Current Account', 'checking'],
    ['Credit Union Checking', 'checking'],
    ['Cardinal Fund', 'checking'],
    ['Miranda', 'checking'],
  ] as const)('%s is %s', (name, type) => {
    expect(inferAccountType({ name, balanceCents: 100 })).toBe(type);
  });

  it('falls back to the sign of the balance', () => {
    expect(inferAccountType({ name: 'Primary', balanceCents: -1 })).toBe('credit');
    expect(inferAccountType({ name: 'Primary', balanceCents: 0 })).toBe('checking');
    expect(inferAccountType({ name: 'Joint Savings', balanceCents: -1 })).toBe('savings');
  });

  it('takes a type field of extra first', () => {
    expect(inferAccountType({ name: 'Everyday Checking', balanceCents: 1, extra: { 'account-type': 'credit' } })).toBe('credit');
    expect(inferAccountType({ name: 'Everyday', balanceCents: 1, extra: { type: 'INVESTMENT' } })).toBe('investment');
    expect(inferAccountType({ name: 'Everyday Checking', balanceCents: 1, extra: { type: 7 } })).toBe('checking');
  });
});

describe('displayText', () => {
  it('removes escape sequences and controls, collapses whitespace, trims', () => {
    expect(displayText('\u001b[1;31mRED\u001b[0m', 50)).toBe('RED');
    expect(displayText('a\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\b', 50)).toBe('alinkb');
    expect(displayText('tab\there\nnew\u0085line', 50)).toBe('tab here new line');
    expect(displayText('\u0000\u0007\u007f\u009b2J\u200e\u202ex', 50)).toBe('x');
    expect(displayText('  \u00a0 ', 50)).toBe('');
  });

  it('keeps letters, marks and emoji, and cuts on code points with an ellipsis', () => {
    expect(displayText('Café 👩‍👩‍👧 Zürich', 50)).toBe('Café 👩‍👩‍👧 Zürich');
    expect(displayText('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(displayText('abc def', 5)).toBe('abc…');
  });

  it('replaces half a surrogate pair', () => {
    expect(displayText('a\ud800b', 10)).toBe('a\ufffdb');
  });
});

describe('SimpleFIN Account Set schema', () => {
  it('reads v1 and v2 answers, with unknown keys', () => {
    const v1 = accountSetSchema.safeParse({
      errors: ['You must reauthenticate.'],
      accounts: [V1_ACCOUNT],
      'x-api-message': ['hi'],
    });
    expect(v1.success && v1.data.errors).toEqual(['You must reauthenticate.']);
    const v2 = accountSetSchema.parse({
      errlist: [
        { code: 'con.auth', message: 'Authentication required', conn_id: 'CON-1' },
        { code: 'act.failed', msg: 'Try again later.', account_id: 'A-1' },
      ],
      connections: [
        {
          conn_id: 'CON-1',
          name: 'My Bank - James',
          org_id: 'INST-1',
          org_url: 'https://mybank.com',
          sfin_url: 'https://mybank.com',
        },
      ],
      accounts: [V2_ACCOUNT, 'not even an account'],
    });
    expect(v2.errlist?.map((e) => e.msg ?? e.message)).toEqual(['Authentication required', 'Try again later.']);
    expect(v2.connections?.[0]?.name).toBe('My Bank - James');
    expect(v2.accounts).toHaveLength(2);
  });

  it('drops an unreadable error or connection instead of the whole answer', () => {
    const set = accountSetSchema.parse({
      errors: ['a', 5],
      errlist: [{ msg: 'no code' }, { code: 'gen.' }],
      connections: [{}],
      accounts: [],
    });
    expect(set).toMatchObject({ errors: ['a'], errlist: [{ code: 'gen.' }], connections: [] });
    expect(accountSetSchema.safeParse({ errors: [] }).success).toBe(false);
  });

  it('reads an account shell loosely for routing', () => {
    const shell = accountShellSchema.parse({ ...V1_ACCOUNT, transactions: [TXN, 'junk'] });
    expect(shell).toMatchObject({ id: 'ACT-2930002', currency: 'USD', org: { name: 'My Bank' }, transactions: [TXN, 'junk'] });
    expect(accountShellSchema.parse(V2_ACCOUNT)).toMatchObject({ conn_id: 'CON-10829309823094234', conn_name: 'My Bank - Jeff' });
  });
});
