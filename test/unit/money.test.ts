import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, moneyFromNumber, moneyToNumber, parseMoney } from '../../src/core/money';

describe('money', () => {
  it.each([
    ['12.50', 1250],
    ['-75.5', -7550],
    ['1,234.56', 123456],
    ['(12.00)', -1200],
    ['12.50-', -1250],
    ['0', 0],
    ['+3', 300],
    ['12.500', 1250],
  ])('parses %s as %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it('parses European decimal commas', () => {
    expect(parseMoney('1.234,56', { decimal: ',' })).toBe(123456);
    expect(parseMoney('-0,99', { decimal: ',' })).toBe(-99);
  });

  it.each(['', 'abc', '12.345', '1,23.4', '--5', '1e3', '12.3.4', 'NaN'])('refuses %j', (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it('takes float dollars from bank payloads without float drift', () => {
    expect(moneyFromNumber(0.1 + 0.2)).toBe(30);
    expect(moneyFromNumber(-19.99)).toBe(-1999);
    expect(moneyFromNumber(Number.NaN)).toBeUndefined();
  });

  it('formats for people and for JSON', () => {
    expect(formatMoney(-123450)).toBe('-$1,234.50');
    expect(formatMoney(1200, 'EUR')).toBe('€12.00');
    expect(formatMoney(1200, 'CHF')).toBe('12.00 CHF');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(moneyToNumber(-7550)).toBe(-75.5);
    expect(formatDecimal(5)).toBe('0.05');
    expect(formatDecimal(-5)).toBe('-0.05');
  });

  it('round-trips any amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(parseMoney(formatDecimal(cents))).toBe(cents);
        expect(moneyFromNumber(moneyToNumber(cents))).toBe(cents);
      }),
    );
  });
});
