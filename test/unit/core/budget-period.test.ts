import { describe, expect, it } from 'vitest';
import { carriedInto, parseAlertAt } from '../../../src/core/budget';
import { periodContaining } from '../../../src/core/budget-period';
import { localDate } from '../../../src/core/dates';

describe('budget periods', () => {
  it('runs months from the 1st to their last day, leap years included', () => {
    expect(periodContaining('2026-11-23', 'monthly')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(periodContaining('2028-02-10', 'monthly')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodContaining('2026-12-31', 'monthly')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
  });

  it('runs weeks from Monday, or Sunday, across a year end', () => {
    expect(periodContaining('2026-11-29', 'weekly')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // a Sunday
    expect(periodContaining('2026-11-29', 'weekly', 'sunday')).toEqual({ start: '2026-11-29', end: '2026-12-05' });
    expect(periodContaining('2027-01-01', 'weekly')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('takes today from the person’s time zone', () => {
    const moment = Date.parse('2026-12-01T07:30:00Z');
    expect(localDate(moment, 'America/Los_Angeles')).toBe('2026-11-30');
    expect(localDate(moment, 'UTC')).toBe('2026-12-01');
    expect(localDate(Date.parse('2026-11-30T16:00:00Z'), 'Asia/Tokyo')).toBe('2026-12-01');
  });

  it('carries unspent money forward, never a debt', () => {
    expect(carriedInto(100_00, [60_00, 120_00])).toBe(20_00);
    expect(carriedInto(100_00, [300_00, 0])).toBe(100_00);
  });

  it('reads thresholds as percents from 1 to 1000', () => {
    expect(parseAlertAt('100, 80')).toEqual([80, 100]);
    expect(parseAlertAt('0,100')).toBeUndefined();
    expect(parseAlertAt('80,')).toBeUndefined();
    expect(parseAlertAt('1001')).toBeUndefined();
  });
});
