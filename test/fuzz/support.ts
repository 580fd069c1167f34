import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Shared pieces of the property-based fuzz tests. Runs are bounded so that the whole
 * folder stays well under 30 s on two cores; fast-check prints the seed and the shrunk
 * counterexample of a failure. `FC_SEED=<seed>` replays a failure, `FC_SCALE=20` runs
 * twenty times as many cases (a longer hunt by hand).
 */
const SCALE = Number(process.env.FC_SCALE ?? 1);

export function runs(n: number): fc.Parameters<unknown> {
  const numRuns = Math.max(1, Math.round(n * SCALE));
  return process.env.FC_SEED === undefined ? { numRuns } : { numRuns, seed: Number(process.env.FC_SEED) };
}

export function fixtureText(path: string): string {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
}

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
}

export function fixtureList(path: string, key: string): unknown[] {
  const data: unknown = JSON.parse(fixtureText(path));
  const list: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;
  if (!Array.isArray(list)) throw new Error(`no ${key} in ${path}`);
  return list;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real proleptic Gregorian calendar date as YYYY-MM-DD; own arithmetic, not the code's. */
export function isCalendarDate(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Whole minor units as the code must keep them: a safe integer and never -0. */
export function expectCents(value: unknown, what: string): void {
  expect(Number.isSafeInteger(value), `${what} ${String(value)} is not a safe integer`).toBe(true);
  expect(Object.is(value, -0), `${what} is -0`).toBe(false);
}

export function expectDate(value: unknown, what: string): void {
  expect(isCalendarDate(value), `${what} ${JSON.stringify(value)} is not a real YYYY-MM-DD date`).toBe(true);
}

/** Lone surrogates: text that SQLite would store as U+FFFD, so never equal to itself again. */
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Numbers with digits that are near a valid date or beyond it (month 13, day 00, day 31 of a 30-day month). */
export const dateParts = fc.record({
  y: fc.oneof(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 9999 })),
  m: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 })),
  d: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 99 })),
});

/** Texts that parse badly in many naive readers. */
export const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e3',
  '0x1F',
  '-0',
  '-0,00',
  '0,00',
  '+0.00',
  '00',
  '.5',
  ',5',
  '1.234,56',
  '1,234.56',
  '1.234.567,891',
  '999.999.999.999.999.999,99',
  '9007199254740993',
  '90071992547409.93',
  '12.34.56',
  '(12,00)',
  '12,00-',
  '--1,00',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '02/29/2023',
  '29.02.2023',
  '31.04.2025',
  '00.00.0000',
  '2025-02-30T10:00:00-05:00',
  '2025-13-01T10:00:00-05:00',
  '0000-01-01T00:00:00+00:00',
  '0050-03-01T10:00:00-05:00',
  '9999-12-31T23:59:59+14:00',
  '2025-03-01T24:00:00-05:00',
  '\u0000',
  '\uD800',
  'é',
  '𝟙𝟚,𝟛𝟜',
  '١٢٣',
  'DE00',
  'usd',
  'US',
  'USDX',
  '9'.repeat(400),
  'x'.repeat(100_000),
];
