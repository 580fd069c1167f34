import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src/core/dates';

/** What a Date makes of it: the reference the day arithmetic must agree with. */
function byDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

describe('addDays', () => {
  it('crosses months, leap days and centuries as the calendar does', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', -800)).toBe('2023-12-22');
    expect(addDays('1999-12-31', 366)).toBe('2000-12-31');
  });

  it('agrees with Date arithmetic on any date and any move', () => {
    const date = fc
      .date({ min: new Date('1200-01-01T00:00:00Z'), max: new Date('9000-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -200_000, max: 200_000 }), (d, n) => {
        expect(addDays(d, n)).toBe(byDate(d, n));
      }),
      { numRuns: 5000 },
    );
  });

  it('still refuses what is not a date', () => {
    expect(() => addDays('not-a-date', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts leap days and goes negative backwards', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2023-12-22')).toBe(-800);
    expect(daysBetween('2026-12-07', '2026-12-07')).toBe(0);
  });

  it('agrees with Date arithmetic on any two dates', () => {
    const date = fc
      .date({ min: new Date('1200-01-01T00:00:00Z'), max: new Date('9000-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(daysBetween(a, b)).toBe(Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000));
      }),
      { numRuns: 5000 },
    );
  });

  it('is not a number for what is not a date', () => {
    expect(daysBetween('not-a-date', '2026-01-01')).toBeNaN();
  });
});
