import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_TYPES, type NormalizedAccount } from '../../src/core/account';
import type { NormalizedTransaction } from '../../src/core/bank-transaction';
import { builtinTopOf } from '../../src/core/categories/taxonomy';
import { currencyExponent, formatDecimal } from '../../src/core/money';
import { normalizeBankAAccount, normalizeBankATransaction } from '../../src/providers/banka/normalize';
import { normalizeBankBAccount, normalizeBankBTransaction } from '../../src/providers/bankb/normalize';
import { normalizeBankCAccount, normalizeBankCTransaction } from '../../src/providers/bankc/normalize';
import {
  enableBankingRawTransactionId,
  normalizeEnableBankingAccount,
  normalizeEnableBankingTransaction,
} from '../../src/providers/enablebanking/normalize';
import { NormalizeError } from '../../src/providers/errors';
import { normalizeSimpleFinAccount, normalizeSimpleFinTransaction } from '../../src/providers/simplefin/normalize';
import { MAX_EPOCH_SECONDS } from '../../src/providers/simplefin/schema';
import { dateParts, expectCents, expectDate, fixtureList, LONE_SURROGATE, NASTY_STRINGS, pad, runs } from './support';

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

/*
 * SimpleFIN. Its records come wrapped by the adapter (`{ transaction, currency }`,
 * `{ account, currency, institution }`), its currency may be a custom one (`PTS`), and
 * its texts come sanitized for display; so it has its own checks and valid records
 * written here rather than fixtures.
 */

const SIMPLEFIN_CURRENCY = /^[A-Z][A-Z0-9]{1,11}$/;
/** C0, DEL, C1: none may reach a terminal. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f]/;

/** Text that is safe to print: no controls, whole code points, single spaces, trimmed, bounded. */
function expectDisplayText(value: unknown, max: number, what: string): void {
  expect(typeof value === 'string' && value !== '', `${what} is a non-empty string`).toBe(true);
  const text = String(value);
  expect(text, what).not.toMatch(UNPRINTABLE);
  expect(text, what).not.toMatch(LONE_SURROGATE);
  expect(text, what).not.toMatch(/^\s|\s$|\s\s/);
  expect(Array.from(text).length, what).toBeLessThanOrEqual(max);
}

const optionalDisplayText = (value: unknown, max: number, what: string) => {
  if (value !== null) expectDisplayText(value, max, what);
};

function expectSimpleFinTransaction(t: NormalizedTransaction): void {
  expect(typeof t.providerTxnId === 'string' && t.providerTxnId !== '', 'providerTxnId').toBe(true);
  // Code points, as zod's maxLength counts them.
  expect(Array.from(t.providerTxnId).length, 'providerTxnId length').toBeLessThanOrEqual(200);
  expect(t.providerTxnId, 'providerTxnId').not.toMatch(LONE_SURROGATE);
  expect(t.pendingTxnId).toBeNull();
  expectDate(t.date, 'date');
  expect(t.date >= '1970-01-01' && t.date <= '9999-12-31', `date ${t.date} in range`).toBe(true);
  expectCents(t.amountCents, 'amountCents');
  expect(t.currency).toMatch(SIMPLEFIN_CURRENCY);
  expectDisplayText(t.description, 500, 'description');
  optionalDisplayText(t.merchant, 200, 'merchant');
  optionalDisplayText(t.memo, 200, 'memo');
  optionalDisplayText(t.providerCategory, 60, 'providerCategory');
  expect(typeof t.pending).toBe('boolean');
}

function expectSimpleFinAccount(a: NormalizedAccount): void {
  expect(typeof a.providerAccountId === 'string' && a.providerAccountId !== '', 'providerAccountId').toBe(true);
  expectDisplayText(a.name, 100, 'name');
  expect(ACCOUNT_TYPES).toContain(a.type);
  expect(a.currency).toMatch(SIMPLEFIN_CURRENCY);
  expectCents(a.balanceCents, 'balanceCents');
  if (a.availableBalanceCents !== null) expectCents(a.availableBalanceCents, 'availableBalanceCents');
  expect(a.balanceDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
}

/** `YYYY-MM-DD` of a UNIX time by calendar arithmetic (days from civil, inverted), not Date. */
function civilDay(seconds: number): string {
  const z = Math.floor(seconds / 86_400) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${pad(yoe + era * 400 + (m <= 2 ? 1 : 0), 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** A numeric string in minor units as a BigInt, by its digits; undefined when it is not exact money of `currency`. */
function referenceMinor(text: string, currency: string): bigint | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const exponent = currencyExponent(currency);
  const fraction = m[3] ?? '';
  if (/[1-9]/.test(fraction.slice(exponent))) return undefined;
  const value = BigInt(m[2]!) * 10n ** BigInt(exponent) + BigInt(fraction.slice(0, exponent).padEnd(exponent, '0') || '0');
  return m[1] === '-' ? -value : value;
}

/** What an accepted transaction must say, read from the raw wrapper by hand. */
function agreesSimpleFin(t: NormalizedTransaction, raw: unknown): void {
  expectSimpleFinTransaction(t);
  const txn = get(raw, 'transaction');
  expect(t.providerTxnId).toBe(get(txn, 'id'));
  expect(t.currency).toBe(get(raw, 'currency'));
  const amount = get(txn, 'amount');
  if (typeof amount === 'string') expect(BigInt(t.amountCents)).toBe(referenceMinor(amount, t.currency));
  else {
    // A JSON number is only accepted when its decimal text is exact: no rounding happened.
    const scaled = Number(amount) * 10 ** currencyExponent(t.currency);
    expect(Math.abs(scaled - t.amountCents)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(scaled)));
  }
  const posted = get(txn, 'posted');
  const transactedAt = get(txn, 'transacted_at');
  const pending = get(txn, 'pending') === true || posted === 0;
  expect(t.pending).toBe(pending);
  const seconds = pending && typeof transactedAt === 'number' && transactedAt > 0 ? transactedAt : posted;
  expect(t.date).toBe(civilDay(Number(seconds)));
  const payee = get(txn, 'payee');
  if (typeof payee !== 'string') expect(t.merchant).toBeNull();
  const memo = get(txn, 'memo');
  if (typeof memo !== 'string') expect(t.memo).toBeNull();
  // Plain printable ASCII is only trimmed and its spaces collapsed.
  const description = get(txn, 'description');
  if (typeof description === 'string' && /^[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*$/.test(description) && description.length <= 500)
    expect(t.description).toBe(description.trim().replace(/ +/g, ' '));
}

function agreesSimpleFinAccount(a: NormalizedAccount, raw: unknown): void {
  expectSimpleFinAccount(a);
  const account = get(raw, 'account');
  expect(a.providerAccountId).toBe(get(account, 'id'));
  expect(a.currency).toBe(get(raw, 'currency'));
  const balance = get(account, 'balance');
  if (typeof balance === 'string') expect(BigInt(a.balanceCents)).toBe(referenceMinor(balance, a.currency));
  const available = get(account, 'available-balance');
  if (available === undefined || available === null) expect(a.availableBalanceCents).toBeNull();
  else if (typeof available === 'string')
    expect(BigInt(a.availableBalanceCents ?? NaN)).toBe(referenceMinor(available, a.currency));
  // `===`, not Object.is: a balance-date of -0 is 1970-01-01T00:00:00Z as well.
  expect(Date.parse(a.balanceDate ?? '') / 1000 === get(account, 'balance-date'), 'balanceDate').toBe(true);
}

const SIMPLEFIN_TRANSACTIONS: unknown[] = [
  {
    transaction: { id: '12394832938403', posted: 793090572, amount: '-33293.43', description: "Uncle Frank's Bait Shop" },
    currency: 'USD',
  },
  {
    transaction: {
      id: 'TRN-0a1b',
      posted: 0,
      amount: '12.5',
      description: '',
      transacted_at: 1741200000,
      pending: true,
      payee: 'Acme Hardware',
      memo: 'ref 88',
      extra: { category: 'Shopping' },
    },
    currency: 'USD',
  },
  {
    transaction: { id: 'T-2', posted: 1741300000, amount: '+1200', description: 'Ramen', transacted_at: 1741200000 },
    currency: 'JPY',
  },
  {
    transaction: { id: 'T-3', posted: 1741300000, amount: '-0.125', description: 'Fee', pending: false, memo: null },
    currency: 'KWD',
  },
  {
    transaction: { id: 'T-4', posted: 1741300000, amount: '500', description: 'Bonus miles', payee: 'Airline' },
    currency: 'PTS',
  },
];

const SIMPLEFIN_ACCOUNTS: unknown[] = [
  {
    account: {
      org: { domain: 'mybank.com', name: 'My Bank', 'sfin-url': 'https://sfin.mybank.com' },
      id: '2930002',
      name: 'Savings',
      currency: 'USD',
      balance: '100.23',
      'available-balance': '75.23',
      'balance-date': 978366153,
      extra: { 'account-open-date': 978360153 },
    },
    currency: 'USD',
    institution: 'My Bank',
  },
  {
    account: {
      id: 'ACT-9',
      name: 'Sapphire Visa',
      conn_id: 'CON-1',
      currency: 'USD',
      balance: '-1512.07',
      'balance-date': 1741300000,
    },
    currency: 'USD',
    institution: null,
  },
  {
    account: {
      id: 'ACT-10',
      name: '',
      conn_id: 'CON-1',
      currency: 'https://example.com/miles',
      balance: '15000',
      'balance-date': 0,
    },
    currency: 'MILES',
    institution: 'Air\u001b[31mline',
  },
];

/** Text shaped like SimpleFIN's numeric strings, near the edge of valid. */
const simpleFinAmount = fc.oneof(
  fc
    .record({
      sign: fc.constantFrom('', '-', '+', '--', ' -'),
      whole: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.constantFrom(0n, 90071992547409n, 9007199254740991n)),
      fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{0,5}$/)),
      pad: fc.constantFrom('', ' ', '\t', '0'),
    })
    .map(({ sign, whole, fraction, pad: p }) => `${p}${sign}${whole}${fraction}${p === '0' ? '' : p}`),
  fc.constantFrom('-.5', '5.', '1,234.56', '1e3', '0x10', '12.500', '-0.00', '1 000', 'Infinity', '١٢٣'),
  numbers,
);
const epoch = fc.oneof(
  fc.integer({ min: 0, max: MAX_EPOCH_SECONDS }),
  fc.constantFrom(0, -1, 1, 86_399, 86_400, MAX_EPOCH_SECONDS, MAX_EPOCH_SECONDS + 1, 1.5, 2 ** 53, -0, '1741300000'),
);
const simpleFinCurrency = fc.oneof(
  fc.constantFrom('USD', 'JPY', 'KWD', 'PTS', 'MILES', 'usd', 'U', 'A'.repeat(13), 'X1'),
  currencies,
);
const displayed = fc.oneof(
  nasty,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('\u001b[2J', '\u001b]0;x\u0007', '\u009b31m', ' \n ', '\u202eevil', 'a\u0000b', 'x'.repeat(600)),
);

const SIMPLEFIN_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  amount: simpleFinAmount,
  balance: simpleFinAmount,
  'available-balance': simpleFinAmount,
  posted: epoch,
  transacted_at: epoch,
  'balance-date': epoch,
  currency: simpleFinCurrency,
  pending: fc.constantFrom(true, false, null, 'true', 1),
  id: fc.oneof(fc.constantFrom('', 'x'.repeat(200), 'x'.repeat(201), '\ud800'), fc.string()),
  description: displayed,
  payee: displayed,
  memo: displayed,
  name: displayed,
  institution: fc.oneof(displayed, fc.constant(null)),
  category: displayed,
};

describe('simplefin normalizer on arbitrary input', () => {
  it('the valid records are valid (the mutations start from something accepted)', () => {
    for (const raw of SIMPLEFIN_TRANSACTIONS) agreesSimpleFin(normalizeSimpleFinTransaction(raw), raw);
    for (const raw of SIMPLEFIN_ACCOUNTS) agreesSimpleFinAccount(normalizeSimpleFinAccount(raw), raw);
  });

  it('any JavaScript value, bare or inside a well-formed wrapper: a well-formed result or NormalizeError', () => {
    const value = fc.oneof(anyValue, jsonValue, edgeValue);
    fc.assert(
      fc.property(
        fc.oneof(
          value,
          fc.record({ transaction: value, account: value, currency: simpleFinCurrency, institution: value }),
          fc.record({ transaction: value, account: value, currency: fc.constant('USD'), institution: fc.constant(null) }),
        ),
        (raw) => {
          outcome(normalizeSimpleFinTransaction, raw, agreesSimpleFin);
          outcome(normalizeSimpleFinAccount, raw, agreesSimpleFinAccount);
        },
      ),
      runs(400),
    );
  });

  it('a valid transaction with fields dropped, retyped or pushed to the edge: well-formed and faithful, or NormalizeError', () => {
    fc.assert(
      fc.property(mutated(SIMPLEFIN_TRANSACTIONS, SIMPLEFIN_FIELDS), (raw) => {
        outcome(normalizeSimpleFinTransaction, raw, agreesSimpleFin);
      }),
      runs(600),
    );
  });

  it('a valid account with fields dropped, retyped or pushed to the edge: well-formed and faithful, or NormalizeError', () => {
    fc.assert(
      fc.property(mutated(SIMPLEFIN_ACCOUNTS, SIMPLEFIN_FIELDS), (raw) => {
        outcome(normalizeSimpleFinAccount, raw, agreesSimpleFinAccount);
      }),
      runs(400),
    );
  });

  it('a BigInt or a cyclic value in a record is a NormalizeError, not a TypeError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [10n, { n: 1n }, cyclic]) {
      for (const [normalize, raw] of [
        [normalizeSimpleFinTransaction, SIMPLEFIN_TRANSACTIONS[1]],
        [normalizeSimpleFinAccount, SIMPLEFIN_ACCOUNTS[0]],
      ] as const) {
        for (const path of pathsOf(raw)) {
          try {
            normalize(mutate(raw, [{ path, op: 'set', value }]));
          } catch (error) {
            expect(error).toBeInstanceOf(NormalizeError);
          }
        }
      }
    }
  });
});

describe('simplefin accepts valid records of arbitrary content, exactly', () => {
  const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'PTS', 'MILES');
  const minor = fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 }));
  /** The canonical amount written the ways servers write it: a `+`, leading zeros, trailing zeros, spaces. */
  const written = fc.record({
    plus: fc.boolean(),
    zeros: fc.integer({ min: 0, max: 3 }),
    trailing: fc.integer({ min: 0, max: 3 }),
    space: fc.constantFrom('', ' ', '\t'),
  });

  function write(canonical: string, w: { plus: boolean; zeros: number; trailing: number; space: string }): string {
    const negative = canonical.startsWith('-');
    const digits = negative ? canonical.slice(1) : canonical;
    const more = '0'.repeat(w.trailing);
    const tail = more === '' ? '' : digits.includes('.') ? more : `.${more}`;
    return `${w.space}${negative ? '-' : w.plus ? '+' : ''}${'0'.repeat(w.zeros)}${digits}${tail}${w.space}`;
  }

  it('amount text -> minor units -> formatDecimal is the canonical amount; dates by posted or transacted_at', () => {
    fc.assert(
      fc.property(
        minor,
        currency,
        written,
        fc.integer({ min: 0, max: MAX_EPOCH_SECONDS }),
        fc.option(fc.integer({ min: 0, max: MAX_EPOCH_SECONDS }), { nil: undefined }),
        fc.boolean(),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => /\S/u.test(s)),
        (cents, cur, w, posted, transactedAt, pendingFlag, description) => {
          const canonical = formatDecimal(cents, cur);
          const raw = {
            transaction: {
              id: 'T',
              posted,
              amount: write(canonical, w),
              description,
              pending: pendingFlag,
              transacted_at: transactedAt,
            },
            currency: cur,
          };
          const pending = pendingFlag || posted === 0;
          if (pending && posted === 0 && !transactedAt) {
            expect(() => normalizeSimpleFinTransaction(raw)).toThrow(NormalizeError);
            return;
          }
          const t = normalizeSimpleFinTransaction(raw);
          agreesSimpleFin(t, raw);
          expect(t.amountCents).toBe(cents || 0);
          expect(formatDecimal(t.amountCents, cur)).toBe(formatDecimal(cents || 0, cur));
          const seconds = pending && transactedAt ? transactedAt : posted;
          expect(t.date).toBe(civilDay(seconds));
          expect(t.date).toBe(new Date(seconds * 1000).toISOString().slice(0, 10));
        },
      ),
      runs(400),
    );
  });

  it('a JSON number of at most 15 significant digits is read exactly, through its text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15 - 1), max: 10 ** 15 - 1 }), currency, (cents, cur) => {
        const raw = {
          transaction: { id: 'T', posted: 1, amount: Number(formatDecimal(cents, cur)), description: 'x' },
          currency: cur,
        };
        expect(normalizeSimpleFinTransaction(raw).amountCents).toBe(cents || 0);
      }),
      runs(300),
    );
  });

  it('accounts: balances exact, available-balance or null, balance date as ISO UTC', () => {
    fc.assert(
      fc.property(
        minor,
        fc.option(minor, { nil: undefined }),
        currency,
        fc.integer({ min: 0, max: MAX_EPOCH_SECONDS }),
        fc.string({ maxLength: 40 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: null }),
        (balance, available, cur, at, name, institution) => {
          const raw = {
            account: {
              id: 'A-1',
              name,
              currency: cur,
              balance: formatDecimal(balance, cur),
              ...(available === undefined ? {} : { 'available-balance': formatDecimal(available, cur) }),
              'balance-date': at,
            },
            currency: cur,
            institution,
          };
          const a = normalizeSimpleFinAccount(raw);
          agreesSimpleFinAccount(a, raw);
          expect(a).toMatchObject({
            balanceCents: balance || 0,
            availableBalanceCents: available === undefined ? null : available || 0,
          });
          expect(a.balanceDate?.slice(0, 10)).toBe(civilDay(at));
        },
      ),
      runs(300),
    );
  });
});

/*
 * Enable Banking. Its records come wrapped by the provider (`{ transaction, occurrence }`,
 * `{ account, balances }`); amounts are unsigned decimal strings with a credit/debit
 * indicator (balances are signed), and the date of a record depends on its status.
 */

const EB_TRANSACTIONS: unknown[] = [
  {
    transaction: {
      entry_reference: 'E-2025-0001',
      transaction_amount: { currency: 'EUR', amount: '12.30' },
      credit_debit_indicator: 'DBIT',
      status: 'BOOK',
      booking_date: '2025-03-03',
      value_date: '2025-03-02',
      transaction_date: '2025-03-01',
      creditor: { name: 'REWE Markt GmbH' },
      debtor: null,
      remittance_information: ['REWE SAGT DANKE', 'Filiale 4711'],
      merchant_category_code: '5411',
      bank_transaction_code: { description: 'Kartenzahlung', code: 'PMNT' },
      reference_number: null,
      note: null,
    },
    occurrence: 0,
  },
  {
    transaction: {
      entry_reference: null,
      transaction_amount: { currency: 'EUR', amount: '2500' },
      credit_debit_indicator: 'CRDT',
      status: 'PDNG',
      transaction_date: '2025-02-28',
      debtor: { name: 'ACME GmbH' },
      remittance_information: null,
      reference_number: 'RF18 5390 0754 7034',
      note: 'salary',
    },
    occurrence: 2,
  },
  {
    transaction: {
      transaction_amount: { currency: 'JPY', amount: '1200' },
      credit_debit_indicator: 'DBIT',
      status: 'HOLD',
      value_date: '2025-01-31',
      bank_transaction_code: { description: 'Card hold' },
    },
    occurrence: 0,
  },
  {
    transaction: {
      entry_reference: 'K-7',
      transaction_amount: { currency: 'kwd', amount: '0.125' },
      credit_debit_indicator: 'DBIT',
      status: 'BOOK',
      value_date: '2024-12-31',
    },
    occurrence: 0,
  },
];

const EB_ACCOUNTS: unknown[] = [
  {
    account: {
      uid: 'u-1',
      account_id: { iban: 'DE89 3704 0044 0532 0130 00' },
      details: null,
      product: 'Girokonto',
      cash_account_type: 'CACC',
      currency: 'EUR',
      identification_hash: 'h1',
    },
    balances: [
      { name: 'a', balance_amount: { currency: 'EUR', amount: '1523.42' }, balance_type: 'ITBD', reference_date: '2025-03-03' },
      { name: 'b', balance_amount: { currency: 'EUR', amount: '1723.42' }, balance_type: 'CLAV' },
    ],
  },
  {
    account: {
      uid: 'u-2',
      account_id: { other: { identification: '5555****4444', scheme_name: 'CPAN' } },
      cash_account_type: 'CARD',
      currency: 'EUR',
    },
    balances: [
      {
        balance_amount: { currency: 'EUR', amount: '-512.07' },
        balance_type: 'XPCD',
        last_change_date_time: '2025-03-03T10:15:00+01:00',
      },
    ],
  },
  {
    account: { uid: 'u-3', identification_hash: 'h3', cash_account_type: 'SVGS', currency: 'JPY', details: 'Yen savings' },
    balances: [{ balance_amount: { currency: 'JPY', amount: '150000' }, balance_type: 'CLBD', reference_date: '2025-02-28' }],
  },
];

const EB_DATES: Readonly<Record<string, readonly string[]>> = {
  BOOK: ['booking_date', 'value_date', 'transaction_date'],
  PDNG: ['transaction_date', 'value_date', 'booking_date'],
  HOLD: ['transaction_date', 'value_date', 'booking_date'],
};

function expectEnableBankingTransaction(t: NormalizedTransaction): void {
  expect(t.providerTxnId, 'providerTxnId').toMatch(/^(ref:.|seq:[0-9a-f]{16}:\d+$)/s);
  expect(Array.from(t.providerTxnId).length, 'providerTxnId length').toBeLessThanOrEqual(204);
  expect(t.providerTxnId, 'providerTxnId').not.toMatch(LONE_SURROGATE);
  expect(t.pendingTxnId).toBeNull();
  expectDate(t.date, 'date');
  expectCents(t.amountCents, 'amountCents');
  expect(t.currency).toMatch(/^[A-Z]{3}$/);
  expectDisplayText(t.description, 500, 'description');
  optionalDisplayText(t.merchant, 200, 'merchant');
  optionalDisplayText(t.memo, 200, 'memo');
  expect(typeof t.pending).toBe('boolean');
  expect(t.providerCategory === null || builtinTopOf(t.providerCategory) !== undefined, 'providerCategory').toBe(true);
}

/** What an accepted transaction must say, read from the raw wrapper by hand. */
function agreesEnableBanking(t: NormalizedTransaction, raw: unknown): void {
  expectEnableBankingTransaction(t);
  const txn = get(raw, 'transaction');
  const status = get(txn, 'status') as string;
  expect(['BOOK', 'PDNG', 'HOLD']).toContain(status);
  expect(t.pending).toBe(status !== 'BOOK');
  const field = EB_DATES[status]!.find((f) => get(txn, f) !== null && get(txn, f) !== undefined);
  expect(t.date).toBe(get(txn, field!));
  const currency = String(get(txn, 'transaction_amount', 'currency'));
  expect(t.currency).toBe(currency.toUpperCase());
  const amount = get(txn, 'transaction_amount', 'amount');
  expect(typeof amount).toBe('string');
  const magnitude = referenceMinor(amount as string, t.currency);
  expect(magnitude !== undefined && magnitude >= 0n, 'an unsigned exact amount').toBe(true);
  expect(BigInt(t.amountCents)).toBe(get(txn, 'credit_debit_indicator') === 'DBIT' ? -magnitude! : magnitude);
  const reference = get(txn, 'entry_reference');
  if (typeof reference === 'string' && reference.trim() !== '') expect(t.providerTxnId).toBe(`ref:${reference}`);
  else expect(t.providerTxnId).toMatch(new RegExp(`^seq:[0-9a-f]{16}:${String(get(raw, 'occurrence'))}$`));
  const party = get(txn, get(txn, 'credit_debit_indicator') === 'DBIT' ? 'creditor' : 'debtor', 'name');
  if (typeof party !== 'string') expect(t.merchant).toBeNull();
  if (typeof get(txn, 'reference_number') !== 'string' && typeof get(txn, 'note') !== 'string') expect(t.memo).toBeNull();
}

function agreesEnableBankingAccount(a: NormalizedAccount, raw: unknown): void {
  expect(a.providerAccountId, 'providerAccountId').toMatch(/^(iban:[A-Z]{2}\d{2}[A-Z0-9]+|other:.+:.+|hash:.+)$/s);
  expectDisplayText(a.name, 100, 'name');
  expect(ACCOUNT_TYPES).toContain(a.type);
  const account = get(raw, 'account');
  expect(a.currency).toBe(String(get(account, 'currency')).toUpperCase());
  expectCents(a.balanceCents, 'balanceCents');
  if (a.availableBalanceCents !== null) expectCents(a.availableBalanceCents, 'availableBalanceCents');
  if (a.balanceDate !== null) expect(a.balanceDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  // The balance is one of the balances sent, to the cent.
  const balances = get(raw, 'balances') as unknown[];
  const sent = balances
    .filter((b) => String(get(b, 'balance_amount', 'currency')).toUpperCase() === a.currency)
    .map((b) => get(b, 'balance_amount', 'amount'))
    .filter((v): v is string => typeof v === 'string')
    .map((v) => referenceMinor(v, a.currency));
  expect(sent).toContain(BigInt(a.balanceCents));
}

const ebAmount = fc.oneof(
  simpleFinAmount,
  fc.constantFrom(
    '12.30',
    '0.00',
    '12.305',
    '1.234,56',
    ' 1.5 ',
    '+1.00',
    '-0.01',
    '00012.30',
    '9007199254740991',
    '90071992547409.92',
  ),
);
const ebDate = fc.oneof(
  dateParts.map((p) => `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}`),
  fc.constantFrom('2025-02-29', '2024-02-29', '0000-01-01', '2025-03-01T10:00:00Z', '03.03.2025'),
);
const EB_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  amount: ebAmount,
  currency: fc.oneof(fc.constantFrom('EUR', 'eur', 'JPY', 'KWD', 'EURO', 'E1R'), currencies),
  status: fc.constantFrom('BOOK', 'PDNG', 'HOLD', 'CNCL', 'RJCT', 'SCHD', 'OTHR', 'INFO', 'book', null),
  credit_debit_indicator: fc.constantFrom('CRDT', 'DBIT', 'crdt', 'DEBIT', null),
  booking_date: ebDate,
  value_date: ebDate,
  transaction_date: ebDate,
  entry_reference: fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(200), 'x'.repeat(201), '\ud800', null), fc.string()),
  occurrence: fc.constantFrom(0, 1, 7, -1, 1.5, '1', null),
  name: displayed,
  remittance_information: fc.oneof(fc.array(fc.oneof(displayed, fc.constant(null)), { maxLength: 3 }), edgeValue),
  reference_number: displayed,
  note: displayed,
  description: displayed,
  merchant_category_code: fc.constantFrom('5411', '5812', '3005', '0742', '9999', 5411, '541', null),
  iban: fc.constantFrom('DE89 3704 0044 0532 0130 00', 'de89370400440532013000', 'DE', '', ' ', 'not an iban'),
  identification: fc.oneof(displayed, fc.constant('')),
  scheme_name: fc.constantFrom('CPAN', 'BBAN', '', ' '),
  identification_hash: fc.oneof(fc.constantFrom('', 'h', '\u0000'), fc.string()),
  cash_account_type: fc.constantFrom('CACC', 'SVGS', 'CARD', 'LOAN', 'CASH', 'OTHR', 'XXXX', null),
  balance_type: fc.constantFrom('CLBD', 'ITBD', 'OPBD', 'XPCD', 'CLAV', 'ITAV', 'FWAV', 'INFO', 'NONE'),
  reference_date: ebDate,
  last_change_date_time: fc.oneof(isoLocal, fc.constantFrom('2025-03-03T10:15:00+01:00', '+275760-09-13T00:00:00Z')),
  details: displayed,
  product: displayed,
};

describe('enablebanking normalizer on arbitrary input', () => {
  it('the valid records are valid (the mutations start from something accepted)', () => {
    for (const raw of EB_TRANSACTIONS) agreesEnableBanking(normalizeEnableBankingTransaction(raw), raw);
    for (const raw of EB_ACCOUNTS) agreesEnableBankingAccount(normalizeEnableBankingAccount(raw), raw);
  });

  it('any JavaScript value, bare or inside a well-formed wrapper: a well-formed result or NormalizeError', () => {
    const value = fc.oneof(anyValue, jsonValue, edgeValue);
    fc.assert(
      fc.property(
        fc.oneof(
          value,
          fc.record({ transaction: value, occurrence: fc.oneof(fc.nat(), value), account: value, balances: value }),
          fc.record({ transaction: value, occurrence: fc.constant(0), account: value, balances: fc.array(value) }),
        ),
        (raw) => {
          outcome(normalizeEnableBankingTransaction, raw, agreesEnableBanking);
          outcome(normalizeEnableBankingAccount, raw, agreesEnableBankingAccount);
          const id = enableBankingRawTransactionId(raw);
          expect(id === undefined || (typeof id === 'string' && id !== '')).toBe(true);
        },
      ),
      runs(400),
    );
  });

  it('a valid transaction with fields dropped, retyped or pushed to the edge: well-formed and faithful, or NormalizeError', () => {
    fc.assert(
      fc.property(mutated(EB_TRANSACTIONS, EB_FIELDS), (raw) => {
        outcome(normalizeEnableBankingTransaction, raw, agreesEnableBanking);
      }),
      runs(600),
    );
  });

  it('a valid account with fields dropped, retyped or pushed to the edge: well-formed and faithful, or NormalizeError', () => {
    fc.assert(
      fc.property(mutated(EB_ACCOUNTS, EB_FIELDS), (raw) => {
        outcome(normalizeEnableBankingAccount, raw, agreesEnableBankingAccount);
      }),
      runs(400),
    );
  });

  it('a BigInt or a cyclic value in a record is a NormalizeError, not a TypeError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [10n, { n: 1n }, cyclic]) {
      for (const [normalize, raw] of [
        [normalizeEnableBankingTransaction, EB_TRANSACTIONS[0]],
        [normalizeEnableBankingAccount, EB_ACCOUNTS[0]],
      ] as const) {
        for (const path of pathsOf(raw)) {
          try {
            normalize(mutate(raw, [{ path, op: 'set', value }]));
          } catch (error) {
            expect(error).toBeInstanceOf(NormalizeError);
          }
        }
      }
    }
  });
});

describe('enablebanking accepts valid records of arbitrary content, exactly', () => {
  const currency = fc.constantFrom('EUR', 'eur', 'JPY', 'KWD', 'CHF');
  const minor = fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 }));
  const validDate = fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const trailing = fc.integer({ min: 0, max: 3 });

  /** The canonical unsigned text of minor units, with extra trailing zeros. */
  function written(magnitude: number, cur: string, zeros: number): string {
    const canonical = formatDecimal(magnitude, cur.toUpperCase());
    const more = '0'.repeat(zeros);
    return more === '' ? canonical : canonical.includes('.') ? canonical + more : `${canonical}.${more}`;
  }

  it('amount text -> minor units -> text is the amount, signed by the indicator; dated by status', () => {
    fc.assert(
      fc.property(
        minor,
        currency,
        trailing,
        fc.constantFrom('BOOK', 'PDNG', 'HOLD'),
        fc.record({
          booking_date: fc.option(validDate, { nil: null }),
          value_date: fc.option(validDate, { nil: undefined }),
          transaction_date: fc.option(validDate, { nil: null }),
        }),
        fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: null }),
        fc.nat({ max: 50 }),
        (cents, cur, zeros, status, dates, reference, occurrence) => {
          const magnitude = Math.abs(cents);
          const raw = {
            transaction: {
              entry_reference: reference,
              transaction_amount: { currency: cur, amount: written(magnitude, cur, zeros) },
              credit_debit_indicator: cents < 0 ? 'DBIT' : 'CRDT',
              status,
              ...dates,
            },
            occurrence,
          };
          const field = EB_DATES[status]!.find((f) => (dates as Record<string, unknown>)[f] != null);
          if (field === undefined) {
            expect(() => normalizeEnableBankingTransaction(raw)).toThrow(NormalizeError);
            return;
          }
          const t = normalizeEnableBankingTransaction(raw);
          agreesEnableBanking(t, raw);
          expect(t.amountCents).toBe(cents || 0);
          expect(formatDecimal(Math.abs(t.amountCents), t.currency)).toBe(formatDecimal(magnitude, cur.toUpperCase()));
          expect(t.date).toBe((dates as Record<string, unknown>)[field]);
          expect(enableBankingRawTransactionId(raw)).toBe(t.providerTxnId);
        },
      ),
      runs(400),
    );
  });

  it('the same reference-less record gets the same id again, and another occurrence another id', () => {
    fc.assert(
      fc.property(minor, validDate, fc.string({ maxLength: 30 }), fc.nat({ max: 20 }), (cents, date, text, occurrence) => {
        const record = (n: number) => ({
          transaction: {
            transaction_amount: { currency: 'EUR', amount: formatDecimal(Math.abs(cents), 'EUR') },
            credit_debit_indicator: cents < 0 ? 'DBIT' : 'CRDT',
            status: 'BOOK',
            booking_date: date,
            remittance_information: [text],
          },
          occurrence: n,
        });
        const id = normalizeEnableBankingTransaction(record(occurrence)).providerTxnId;
        expect(normalizeEnableBankingTransaction(structuredClone(record(occurrence))).providerTxnId).toBe(id);
        expect(normalizeEnableBankingTransaction(record(occurrence + 1)).providerTxnId).not.toBe(id);
      }),
      runs(200),
    );
  });

  it('accounts: signed balances exact, the booked one chosen before the available one', () => {
    fc.assert(
      fc.property(minor, fc.option(minor, { nil: undefined }), currency, trailing, (booked, available, cur, zeros) => {
        const signed = (c: number) => (c < 0 ? `-${written(-c, cur, zeros)}` : written(c, cur, zeros));
        const raw = {
          account: { identification_hash: 'h', currency: cur, cash_account_type: 'CACC' },
          balances: [
            ...(available === undefined
              ? []
              : [{ balance_amount: { currency: cur, amount: signed(available) }, balance_type: 'ITAV' }]),
            { balance_amount: { currency: cur, amount: signed(booked) }, balance_type: 'CLBD', reference_date: '2025-03-01' },
          ],
        };
        const a = normalizeEnableBankingAccount(raw);
        agreesEnableBankingAccount(a, raw);
        expect(a).toMatchObject({
          providerAccountId: 'hash:h',
          balanceCents: booked || 0,
          availableBalanceCents: available === undefined ? null : available || 0,
          balanceDate: '2025-03-01T00:00:00.000Z',
        });
      }),
      runs(300),
    );
  });
});
