import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankATransactionSchema, wellFormedBankATransaction } from '../../src/providers/banka/schema';
import { corruptBankA } from '../../src/providers/banka/server';
import { bankBTransactionSchema, wellFormedBankBTransaction } from '../../src/providers/bankb/schema';
import { corruptBankB } from '../../src/providers/bankb/server';
import { bankCTransactionSchema, wellFormedBankCTransaction } from '../../src/providers/bankc/schema';
import { corruptBankC } from '../../src/providers/bankc/server';
import { accountIds, busyNow, daysBefore, drain, simProviders } from '../unit/providers/support';
import { dateParts, fixtureList, NASTY_STRINGS, pad, runs } from './support';

/**
 * The banks' normalizers take a raw record through a check by hand (raw-check.ts) and
 * only what it does not plainly accept through the zod schema. The check must accept
 * nothing the schema refuses, and what it accepts must read as the schema's result does:
 * then the schema alone decides what is stored and what goes to quarantine.
 */

interface Bank {
  name: 'banka' | 'bankb' | 'bankc';
  schema: { safeParse(raw: unknown): { success: boolean; data?: unknown } };
  check: (raw: unknown) => unknown;
  corrupt: (raw: never, selector: number) => unknown;
  fixtures: unknown[];
  /** Values shaped like each field, by field name. */
  fields: Record<string, fc.Arbitrary<unknown>>;
}

const usDate = dateParts.map((p) => `${pad(p.m, 2)}/${pad(p.d, 2)}/${pad(p.y, 4)}`);
const euDate = dateParts.map((p) => `${pad(p.d, 2)}.${pad(p.m, 2)}.${pad(p.y, 4)}`);
const isoLocal = fc
  .record({ p: dateParts, h: fc.integer({ min: 0, max: 25 }), off: fc.constantFrom('-05:00', '+01:00', 'Z', '', '.5-05:00') })
  .map(({ p, h, off }) => `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}T${pad(h, 2)}:07:07${off}`);
const numbers = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 0.5, -1, 2 ** 53, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity, 1e21),
);
const euAmount = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.integer({ min: 0, max: 99 }))
  .map(
    ([negative, whole, cents]) =>
      `${negative ? '-' : ''}${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${pad(cents, 2)}`,
  );
const edgeValue = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  numbers,
  fc.anything({ maxDepth: 2, withBoxedValues: true, withNullPrototype: true, withBigInt: true }),
  fc.constantFrom(null, undefined, true, false, [], {}, 'pending', 'completed', 'booked', 'debit', 'credit'),
);

const BANKS: Bank[] = [
  {
    name: 'banka',
    schema: bankATransactionSchema,
    check: wellFormedBankATransaction,
    corrupt: corruptBankA,
    fixtures: fixtureList('banka/transactions-page.json', 'transactions'),
    fields: { txn_date: isoLocal, txn_amount: numbers, txn_status: fc.constantFrom('pending', 'completed', 'PENDING') },
  },
  {
    name: 'bankb',
    schema: bankBTransactionSchema,
    check: wellFormedBankBTransaction,
    corrupt: corruptBankB,
    fixtures: fixtureList('bankb/transactions-page.json', 'added'),
    fields: { date: usDate, amount: numbers, direction: fc.constantFrom('debit', 'credit', 'DEBIT') },
  },
  {
    name: 'bankc',
    schema: bankCTransactionSchema,
    check: wellFormedBankCTransaction,
    corrupt: corruptBankC,
    fixtures: fixtureList('bankc/transactions-page.json', 'transactions'),
    fields: {
      booking_date: euDate,
      value_date: euDate,
      amount: euAmount,
      iban: fc.constantFrom('DE37999123458105640607', 'de37999123458105640607', 'DE00'),
      booking_status: fc.constantFrom('booked', 'pending', 'BOOKED'),
    },
  },
];

/** The parts of `value` the schema's result has: what a normalizer reads of an accepted record. */
function schemaPart(value: unknown, shape: unknown): unknown {
  if (typeof shape !== 'object' || shape === null) return value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(shape).map((k) => [k, schemaPart(Reflect.get(value, k), Reflect.get(shape, k))]));
}

/** The check accepts only what the schema accepts, and then reads as the schema's result. */
function agrees(bank: Bank, raw: unknown): void {
  const checked = bank.check(raw);
  if (checked === undefined) return; // the schema decides
  const parsed = bank.schema.safeParse(raw);
  expect(parsed.success, `${bank.name} check accepted what the schema refuses: ${String(JSON.stringify(raw))}`).toBe(true);
  expect(schemaPart(checked, parsed.data)).toEqual(parsed.data);
}

/** The raw records of a simulated bank's recent days, as its server answers them. */
async function simRecords(bank: Bank['name']): Promise<unknown[]> {
  const now = busyNow(bank);
  const provider = simProviders({ now }).get(bank);
  const out: unknown[] = [];
  for (const account of await accountIds(provider)) out.push(...(await drain(provider, account, daysBefore(now, 30))).added);
  return out;
}

function pathsOf(record: unknown, prefix: string[] = []): string[][] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
  return Object.entries(record).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

/** A record with one or two fields dropped or set to another value. */
function mutated(valid: readonly unknown[], shaped: Readonly<Record<string, fc.Arbitrary<unknown>>>): fc.Arbitrary<unknown> {
  return fc
    .constantFrom(...valid)
    .chain((record) => {
      const change = fc.constantFrom(...pathsOf(record)).chain((path) => {
        const own = shaped[path[path.length - 1]!];
        const value = own ? fc.oneof(own, edgeValue) : edgeValue;
        return fc.oneof(
          fc.constant({ path, drop: true, value: undefined as unknown }),
          value.map((v) => ({ path, drop: false, value: v })),
        );
      });
      return fc.tuple(fc.constant(record), fc.array(change, { minLength: 1, maxLength: 2 }));
    })
    .map(([record, changes]) => {
      const copy: unknown = structuredClone(record);
      for (const { path, drop, value } of changes) {
        let parent: unknown = copy;
        for (const k of path.slice(0, -1))
          parent = typeof parent === 'object' && parent !== null ? Reflect.get(parent, k) : undefined;
        if (typeof parent !== 'object' || parent === null) continue;
        if (drop) Reflect.deleteProperty(parent, path[path.length - 1]!);
        else Reflect.set(parent, path[path.length - 1]!, value);
      }
      return copy;
    });
}

describe.each(BANKS)('$name check by hand', (bank) => {
  it('takes every record the simulated bank sends clean (the sync never needs the schema for them)', async () => {
    const records = await simRecords(bank.name);
    expect(records.length).toBeGreaterThan(20);
    for (const raw of [...records, ...bank.fixtures]) {
      expect(bank.check(raw), JSON.stringify(raw)).toBeDefined();
      agrees(bank, raw);
    }
  });

  it('accepts none of the records the bank breaks (each corruption), unless the schema does too', async () => {
    const records = (await simRecords(bank.name)).slice(0, 40);
    for (const raw of records)
      for (let selector = 0; selector < 16; selector++) agrees(bank, bank.corrupt(raw as never, selector));
  });

  it('on a record with fields dropped or changed: accepted only as the schema accepts it', async () => {
    const valid = [...bank.fixtures, ...(await simRecords(bank.name)).slice(0, 20)];
    fc.assert(
      fc.property(mutated(valid, bank.fields), (raw) => agrees(bank, raw)),
      runs(1500),
    );
  });

  it('on any value at all', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true }), (raw) => agrees(bank, raw)),
      runs(300),
    );
  });
});
