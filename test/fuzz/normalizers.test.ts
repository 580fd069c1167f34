import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_TYPES, type NormalizedAccount } from '../../src/core/account';
import type { NormalizedTransaction } from '../../src/core/bank-transaction';
import { currencyExponent } from '../../src/core/money';
import { normalizeBankAAccount, normalizeBankATransaction } from '../../src/providers/banka/normalize';
import { normalizeBankBAccount, normalizeBankBTransaction } from '../../src/providers/bankb/normalize';
import { normalizeBankCAccount, normalizeBankCTransaction } from '../../src/providers/bankc/normalize';
import { NormalizeError } from '../../src/providers/errors';
import { dateParts, expectCents, expectDate, fixtureList, NASTY_STRINGS, pad, runs } from './support';

/**
 * Each bank's normalizer on arbitrary input either returns a well-formed record that
 * says what the raw one said, or throws NormalizeError (the record goes to quarantine).
 * Any other error would abort a whole sync; a malformed result would be stored.
 */

type Json = unknown;

function expectTransaction(t: NormalizedTransaction): void {
  expect(typeof t.providerTxnId === 'string' && t.providerTxnId !== '', 'providerTxnId').toBe(true);
  expect(t.pendingTxnId === null || (typeof t.pendingTxnId === 'string' && t.pendingTxnId !== ''), 'pendingTxnId').toBe(true);
  expectDate(t.date, 'date');
  expectCents(t.amountCents, 'amountCents');
  expect(t.currency).toMatch(/^[A-Z]{3}$/);
  expect(typeof t.description === 'string' && t.description !== '', 'description').toBe(true);
  expect(t.merchant === null || (typeof t.merchant === 'string' && t.merchant !== ''), 'merchant').toBe(true);
  expect(typeof t.pending).toBe('boolean');
  expect(t.providerCategory === null || typeof t.providerCategory === 'string', 'providerCategory').toBe(true);
}

function expectAccount(a: NormalizedAccount): void {
  expect(typeof a.providerAccountId === 'string' && a.providerAccountId !== '', 'providerAccountId').toBe(true);
  expect(typeof a.name === 'string' && a.name !== '', 'name').toBe(true);
  expect(ACCOUNT_TYPES).toContain(a.type);
  expect(a.currency).toMatch(/^[A-Z]{3}$/);
  expectCents(a.balanceCents, 'balanceCents');
}

/** Runs a normalizer: a result (checked by `check`) or a NormalizeError, nothing else. */
function outcome<T>(normalize: (raw: unknown) => T, raw: unknown, check: (out: T, raw: unknown) => void): void {
  let out: T;
  try {
    out = normalize(raw);
  } catch (error) {
    if (error instanceof NormalizeError) {
      expect(error.message.length).toBeGreaterThan(0);
      return;
    }
    throw error;
  }
  check(out, raw);
}

const get = (raw: unknown, ...path: string[]): unknown => {
  let v = raw;
  for (const k of path) v = typeof v === 'object' && v !== null ? Reflect.get(v, k) : undefined;
  return v;
};

// What each accepted record must say, read from the raw record by hand.

function agreesA(t: NormalizedTransaction, raw: unknown): void {
  expectTransaction(t);
  expect(t.providerTxnId).toBe(get(raw, 'txn_id'));
  expect(t.date).toBe(String(get(raw, 'txn_date')).slice(0, 10));
  const dollars = get(raw, 'txn_amount') as number;
  expect(Math.abs(t.amountCents - dollars * 100)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(t.amountCents)));
  expect(t.currency).toBe('USD');
  expect(t.description).toBe(get(raw, 'txn_desc'));
  expect(t.merchant).toBe(get(raw, 'merchant_info', 'name') ?? null);
  expect(t.pending).toBe(get(raw, 'txn_status') === 'pending');
}

function agreesB(t: NormalizedTransaction, raw: unknown): void {
  expectTransaction(t);
  expect(t.providerTxnId).toBe(get(raw, 'transaction_id'));
  const [mm, dd, yyyy] = String(get(raw, 'date')).split('/');
  expect(t.date).toBe(`${yyyy}-${mm}-${dd}`);
  const amount = get(raw, 'amount') as number;
  // Zero is 0 whichever way it is written (-0 is a JSON number too).
  expect(t.amountCents).toBe((get(raw, 'direction') === 'debit' ? -amount : amount) || 0);
  expect(t.currency).toBe(String(get(raw, 'iso_currency_code')).toUpperCase());
  expect(t.description).toBe(get(raw, 'memo'));
  expect(t.pendingTxnId).toBe(get(raw, 'pending_transaction_id'));
  expect(t.pending).toBe(get(raw, 'pending'));
}

/** `-1.234,56` in minor units of a currency, as a BigInt, or undefined when it has more fraction than the currency. */
function euroCents(text: string, currency: string): bigint | undefined {
  const negative = text.startsWith('-');
  const [whole, fraction] = text.replace('-', '').split(',') as [string, string];
  const exponent = currencyExponent(currency);
  let value: bigint;
  if (exponent >= 2)
    value = BigInt(whole.split('.').join('')) * 10n ** BigInt(exponent) + BigInt(fraction) * 10n ** BigInt(exponent - 2);
  else if (/^0+$/.test(fraction.slice(exponent))) value = BigInt(whole.split('.').join('') + fraction.slice(0, exponent));
  else return undefined;
  return negative ? -value : value;
}

function agreesC(t: NormalizedTransaction, raw: unknown): void {
  expectTransaction(t);
  expect(t.providerTxnId).toBe(get(raw, 'transaction_id'));
  const [dd, mm, yyyy] = String(get(raw, 'booking_date')).split('.');
  expect(t.date).toBe(`${yyyy}-${mm}-${dd}`);
  expect(BigInt(t.amountCents)).toBe(euroCents(String(get(raw, 'amount')), t.currency));
  expect(t.currency).toBe(String(get(raw, 'currency')).toUpperCase());
  expect(t.description).toBe(get(raw, 'remittance_info'));
  expect(t.merchant).toBe(get(raw, 'counterparty', 'name'));
  expect(t.pending).toBe(get(raw, 'booking_status') === 'pending');
}

// Values a field may be set to: anything at all, strings that trip naive parsers, and
// bank-shaped values near the edge of valid (the 31st of a 30-day month, a 20-digit amount).

const anyValue = fc.anything({
  maxDepth: 2,
  withBigInt: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: 'binary',
});
const jsonValue = fc.json({ maxDepth: 2 }).map((text): Json => JSON.parse(text));
const nasty = fc.constantFrom(...NASTY_STRINGS);
const numbers = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.integer({ min: -1e12, max: 1e12 }).map((c) => c / 100),
  fc.constantFrom(-0, 0, 0.1 + 0.2, 1e-7, 0.005, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, Number.MAX_VALUE, Number.EPSILON),
);

const isoLocal = fc
  .record({
    p: dateParts,
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    frac: fc.constantFrom('', '.5', '.123', '.1234'),
    off: fc.constantFrom('-05:00', '+00:00', '+14:00', 'Z', ''),
  })
  .map(({ p, h, mi, frac, off }) => `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:07${frac}${off}`);
const usDate = dateParts.map((p) => `${pad(p.m, 2)}/${pad(p.d, 2)}/${pad(p.y, 4)}`);
const euDate = dateParts.map((p) => `${pad(p.d, 2)}.${pad(p.m, 2)}.${pad(p.y, 4)}`);
/** `-1.234.567,89` with any number of digits, grouped by thousands as BankC writes them. */
const euAmount = fc
  .record({ negative: fc.boolean(), whole: fc.bigInt({ min: 0n, max: 10n ** 22n }), cents: fc.integer({ min: 0, max: 99 }) })
  .map(
    ({ negative, whole, cents }) =>
      `${negative ? '-' : ''}${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${pad(cents, 2)}`,
  );
const currencies = fc.oneof(
  fc.constantFrom('USD', 'usd', 'EUR', 'eur', 'JPY', 'KWD', 'XYZ', 'US', 'ÉUR'),
  fc.string({ maxLength: 4 }),
);

/** Any edge value for any field. */
const edgeValue = fc.oneof(
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: numbers },
  { weight: 2, arbitrary: anyValue },
  { weight: 1, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}) },
);

/** The paths of every field of a record, nested ones included. */
function pathsOf(record: unknown, prefix: string[] = []): string[][] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
  return Object.entries(record).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

type Mutation =
  | { path: string[]; op: 'drop' }
  | { path: string[]; op: 'set'; value: unknown }
  | { path: string[]; op: 'extra'; value: unknown };

function mutate(record: unknown, mutations: readonly Mutation[]): unknown {
  const copy: unknown = structuredClone(record);
  for (const m of mutations) {
    const parent = get(copy, ...m.path.slice(0, -1));
    if (typeof parent !== 'object' || parent === null) continue;
    const key = m.path[m.path.length - 1]!;
    if (m.op === 'drop') Reflect.deleteProperty(parent, key);
    else if (m.op === 'set') Reflect.set(parent, key, m.value);
    else Reflect.set(parent, `${key}_extra`, m.value);
  }
  return copy;
}

/**
 * A valid record from the fixtures with 1 to 3 fields dropped, set to another value, or
 * joined by an unknown field. A field named in `shaped` is mostly set to a value shaped
 * like that field (a date near the edge of valid, a 20-digit amount).
 */
function mutated(valid: readonly unknown[], shaped: Readonly<Record<string, fc.Arbitrary<unknown>>>): fc.Arbitrary<unknown> {
  return fc
    .constantFrom(...valid)
    .chain((record) => {
      const mutation: fc.Arbitrary<Mutation> = fc.constantFrom(...pathsOf(record)).chain((path) => {
        const own = shaped[path[path.length - 1]!];
        const value = own ? fc.oneof({ weight: 3, arbitrary: own }, { weight: 2, arbitrary: edgeValue }) : edgeValue;
        return fc.oneof(
          fc.constant<Mutation>({ path, op: 'drop' }),
          value.map((v): Mutation => ({ path, op: 'set', value: v })),
          value.map((v): Mutation => ({ path, op: 'extra', value: v })),
        );
      });
      return fc.tuple(fc.constant(record), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    })
    .map(([record, mutations]) => mutate(record, mutations));
}

interface Bank {
  name: string;
  transactions: unknown[];
  accounts: unknown[];
  normalizeTransaction: (raw: unknown) => NormalizedTransaction;
  normalizeAccount: (raw: unknown) => NormalizedAccount;
  agrees: (t: NormalizedTransaction, raw: unknown) => void;
  /** Values shaped like each field, by field name. */
  fields: Record<string, fc.Arbitrary<unknown>>;
}

const BANKS: Bank[] = [
  {
    name: 'banka',
    transactions: fixtureList('banka/transactions-page.json', 'transactions'),
    accounts: fixtureList('banka/accounts.json', 'accounts'),
    normalizeTransaction: normalizeBankATransaction,
    normalizeAccount: normalizeBankAAccount,
    agrees: agreesA,
    fields: {
      txn_date: isoLocal,
      txn_amount: numbers,
      current_balance: numbers,
      curr: currencies,
      txn_status: fc.constantFrom('pending', 'completed', 'PENDING'),
      acct_type: fc.constantFrom('CHECKING', 'CREDIT_CARD', 'LOAN', 'checking'),
    },
  },
  {
    name: 'bankb',
    transactions: fixtureList('bankb/transactions-page.json', 'added'),
    accounts: fixtureList('bankb/accounts.json', 'accounts'),
    normalizeTransaction: normalizeBankBTransaction,
    normalizeAccount: normalizeBankBAccount,
    agrees: agreesB,
    fields: {
      date: usDate,
      amount: numbers,
      balance_amount: numbers,
      iso_currency_code: currencies,
      currency_code: currencies,
      direction: fc.constantFrom('debit', 'credit', 'DEBIT'),
      account_number: fc.constantFrom('123', '1234', '12345678901234567', '123456789012345678', '12a4'),
    },
  },
  {
    name: 'bankc',
    transactions: fixtureList('bankc/transactions-page.json', 'transactions'),
    accounts: fixtureList('bankc/accounts.json', 'accounts'),
    normalizeTransaction: normalizeBankCTransaction,
    normalizeAccount: normalizeBankCAccount,
    agrees: agreesC,
    fields: {
      booking_date: euDate,
      value_date: euDate,
      amount: euAmount,
      currency: currencies,
      iban: fc.constantFrom('DE00', 'DE37999123458105640607', 'de37999123458105640607'),
      booking_status: fc.constantFrom('booked', 'pending', 'BOOKED'),
    },
  },
];

describe.each(BANKS)('$name normalizer on arbitrary input', (bank) => {
  it('the fixtures are valid records (the mutations start from something accepted)', () => {
    for (const raw of bank.transactions) bank.agrees(bank.normalizeTransaction(raw), raw);
    for (const raw of bank.accounts) expectAccount(bank.normalizeAccount(raw));
  });

  it('any JavaScript value: a well-formed transaction or NormalizeError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          jsonValue,
          fc.json().map((t): Json => JSON.parse(t)),
        ),
        (raw) => {
          outcome(bank.normalizeTransaction, raw, bank.agrees);
          outcome(bank.normalizeAccount, raw, expectAccount);
        },
      ),
      runs(300),
    );
  });

  it('a valid transaction with fields dropped, retyped or pushed to the edge: well-formed and faithful, or NormalizeError', () => {
    fc.assert(
      fc.property(mutated(bank.transactions, bank.fields), (raw) => {
        outcome(bank.normalizeTransaction, raw, bank.agrees);
      }),
      runs(500),
    );
  });

  it('a valid account with fields dropped, retyped or pushed to the edge: well-formed, or NormalizeError', () => {
    fc.assert(
      fc.property(mutated(bank.accounts, bank.fields), (raw) => {
        outcome(bank.normalizeAccount, raw, expectAccount);
      }),
      runs(300),
    );
  });
});

/** Valid records of arbitrary content, written the way each bank writes them. */
describe('normalizers accept valid records of arbitrary content, exactly', () => {
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
  const validDate = fc
    .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  // Float dollars carry whole cents exactly only below 2^50 cents.
  const floatSafeCents = fc.integer({ min: -(2 ** 50), max: 2 ** 50 });

  it('banka: float dollars with whole cents and a local time', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        validDate,
        floatSafeCents,
        text,
        fc.boolean(),
        (id, date, cents, desc, pending) => {
          const raw = {
            txn_id: id,
            txn_date: `${date}T23:59:59-05:00`,
            txn_amount: cents / 100,
            txn_desc: desc,
            merchant_info: null,
            txn_status: pending ? 'pending' : 'completed',
          };
          const t = normalizeBankATransaction(raw);
          agreesA(t, raw);
          expect(t).toMatchObject({ date, amountCents: cents || 0, pending });
        },
      ),
      runs(300),
    );
  });

  it('bankb: unsigned cents with a direction, US dates', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        validDate,
        fc.maxSafeNat(),
        fc.boolean(),
        text,
        (id, date, amount, debit, memo) => {
          const [y, m, d] = date.split('-');
          const raw = {
            transaction_id: id,
            account_number: '1234',
            amount,
            iso_currency_code: 'usd',
            direction: debit ? 'debit' : 'credit',
            date: `${m}/${d}/${y}`,
            payee: null,
            memo,
            pending: false,
            pending_transaction_id: null,
            personal_finance_category: null,
          };
          const t = normalizeBankBTransaction(raw);
          agreesB(t, raw);
          expect(t).toMatchObject({ date, amountCents: debit ? -amount || 0 : amount, currency: 'USD' });
        },
      ),
      runs(300),
    );
  });

  it('bankc: decimal-comma amounts grouped by thousands, German dates, any exponent', () => {
    const currency = fc.constantFrom('EUR', 'eur', 'JPY', 'KWD');
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), validDate, fc.maxSafeInteger(), currency, text, (id, date, written, cur, info) => {
        // BankC writes two decimals whatever the currency: hundredths; yen have none to give.
        const hundredths = cur === 'JPY' ? Math.trunc(written / 100) * 100 : written;
        const abs = Math.abs(hundredths).toString().padStart(3, '0');
        const amount = `${hundredths < 0 ? '-' : ''}${abs.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${abs.slice(-2)}`;
        const [y, m, d] = date.split('-');
        const raw = {
          transaction_id: id,
          booking_status: 'booked',
          booking_date: `${d}.${m}.${y}`,
          value_date: null,
          amount,
          currency: cur,
          counterparty: { name: 'X', iban: null },
          remittance_info: info,
          booking_text: 'Lastschrift',
        };
        const expected = cur === 'JPY' ? hundredths / 100 : cur === 'KWD' ? hundredths * 10 : hundredths;
        if (!Number.isSafeInteger(expected)) {
          // Fils beyond 2^53: not representable, so not an amount.
          expect(() => normalizeBankCTransaction(raw)).toThrow(NormalizeError);
          return;
        }
        const t = normalizeBankCTransaction(raw);
        agreesC(t, raw);
        expect(t).toMatchObject({ date, amountCents: expected || 0, currency: cur.toUpperCase() });
      }),
      runs(300),
    );
  });
});

describe('normalizer regressions found by the fuzz tests', () => {
  it('banka: a zero amount written -0 is zero, not minus zero', () => {
    const raw = {
      txn_id: 'x',
      txn_date: '2025-03-01T10:00:00-05:00',
      txn_amount: -0,
      txn_desc: 'd',
      merchant_info: null,
      txn_status: 'completed',
    };
    expect(Object.is(normalizeBankATransaction(raw).amountCents, 0)).toBe(true);
  });

  it.each(BANKS)('$name: a BigInt or a cyclic value in a record is a NormalizeError, not a TypeError', (bank) => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [10n, { n: 1n }, cyclic]) {
      for (const raw of bank.transactions.slice(0, 1)) {
        for (const path of pathsOf(raw)) {
          const bad = mutate(raw, [{ path, op: 'set', value }]);
          try {
            bank.normalizeTransaction(bad);
          } catch (error) {
            expect(error).toBeInstanceOf(NormalizeError);
          }
        }
      }
    }
  });
});
