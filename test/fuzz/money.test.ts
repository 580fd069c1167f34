import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatDecimal, formatMoney, moneyFromNumber, moneyToNumber, parseMoney } from '../../src/core/money';
import { runs } from './support';

/**
 * Money is integer minor units; text and numbers exist only at the edges. Whatever goes
 * out as text or a JSON number must come back in as the same minor units, in every
 * exponent (JPY 0, USD and EUR 2, KWD 3).
 */

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'] as const;
const currency = fc.constantFrom(...CURRENCIES);
const cents = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, 1, -1, 99, 100, 999, 1000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
);
/** `1,234,567.89`: the decimal text grouped by thousands, as people and many banks write it. */
const grouped = (text: string) =>
  text.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
/** `.` and `,` swapped: `1.234.567,89`. */
const swapped = (text: string) => text.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));

describe('money round trips', () => {
  it('parseMoney(formatDecimal(c)) is c, plain and grouped by thousands', () => {
    fc.assert(
      fc.property(cents, currency, (c, cur) => {
        const text = formatDecimal(c, cur);
        expect(text).toMatch(currencyExponent(cur) === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${currencyExponent(cur)}}$`));
        expect(parseMoney(text, { currency: cur })).toBe(c);
        expect(parseMoney(grouped(text), { currency: cur })).toBe(c);
      }),
      runs(500),
    );
  });

  it('with a decimal comma, the same text with . and , swapped is the same amount', () => {
    fc.assert(
      fc.property(cents, currency, (c, cur) => {
        const text = formatDecimal(c, cur);
        expect(parseMoney(swapped(text), { decimal: ',', currency: cur })).toBe(c);
        expect(parseMoney(swapped(grouped(text)), { decimal: ',', currency: cur })).toBe(c);
      }),
      runs(500),
    );
  });

  it('negative forms agree: -x, (x), x- and +x', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), currency, (c, cur) => {
        const text = formatDecimal(c, cur);
        const minus = c === 0 ? 0 : -c;
        expect(parseMoney(`(${text})`, { currency: cur })).toBe(minus);
        expect(parseMoney(`${text}-`, { currency: cur })).toBe(minus);
        expect(parseMoney(`-${text}`, { currency: cur })).toBe(minus);
        expect(parseMoney(`+${text}`, { currency: cur })).toBe(c);
      }),
      runs(300),
    );
  });

  it('moneyFromNumber(moneyToNumber(c)) is c below 2^50 / 10^exponent, where a double holds every unit', () => {
    const bounded = currency.chain((cur) => {
      const bound = Math.floor(2 ** 50 / 10 ** currencyExponent(cur));
      return fc.tuple(
        fc.oneof(fc.integer({ min: -bound, max: bound }), fc.constantFrom(bound, -bound, 0, 1, -1)),
        fc.constant(cur),
      );
    });
    fc.assert(
      fc.property(bounded, ([c, cur]) => {
        const n = moneyToNumber(c, cur);
        expect(Number.isFinite(n)).toBe(true);
        expect(moneyFromNumber(n, cur)).toBe(c);
      }),
      runs(500),
    );
  });

  it('moneyFromNumber of any double: undefined, or safe-integer units that are never -0', () => {
    fc.assert(
      fc.property(fc.double(), currency, (n, cur) => {
        const units = moneyFromNumber(n, cur);
        if (units === undefined) return;
        expect(Number.isSafeInteger(units)).toBe(true);
        expect(Object.is(units, -0)).toBe(false);
        expect(Math.abs(units - n * 10 ** currencyExponent(cur))).toBeLessThanOrEqual(
          0.5 + Math.abs(n) * 10 ** currencyExponent(cur) * 2 ** -52,
        );
      }),
      runs(500),
    );
  });

  it('formatMoney never says NaN or e, and what it shows reads back as the same amount', () => {
    fc.assert(
      fc.property(cents, currency, (c, cur) => {
        const shown = formatMoney(c, cur);
        expect(shown).not.toMatch(/NaN|e|Infinity|undefined/);
        expect(shown).toMatch(/^-?[$€¥]?\d{1,3}(,\d{3})*(\.\d+)?( [A-Z]{3})?$/);
        expect(shown.startsWith('-')).toBe(c < 0);
        const bare = shown.replace(/[$€¥]/, '').replace(/ [A-Z]{3}$/, '');
        expect(parseMoney(bare, { currency: cur })).toBe(c);
      }),
      runs(500),
    );
  });

  it('parseMoney of any text: undefined or a safe integer, never -0', () => {
    const moneyish = fc.stringMatching(/^[-+(]?[\d.,]{0,24}[-)]?$/);
    fc.assert(
      fc.property(
        fc.oneof(moneyish, fc.string()),
        currency,
        fc.constantFrom('.' as const, ',' as const),
        (text, cur, decimal) => {
          const units = parseMoney(text, { currency: cur, decimal });
          if (units === undefined) return;
          expect(Number.isSafeInteger(units)).toBe(true);
          expect(Object.is(units, -0)).toBe(false);
        },
      ),
      runs(500),
    );
  });
});
