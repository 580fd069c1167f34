import { describe, expect, it } from 'vitest';
import { budgetStatus, describeReset, spreadSpacingMs } from '../../../src/core/request-budget';

const HOUR = 3_600_000;

describe('PSD2 reads spread over the day', () => {
  it('shares the hours left among the syncs left: every six hours from midnight with four', () => {
    expect(spreadSpacingMs(24 * HOUR, 4)).toBe(6 * HOUR);
    // After a sync at 09:00 with two left, the next waits until 16:30.
    expect(spreadSpacingMs(15 * HOUR, 2)).toBe(7.5 * HOUR);
    expect(spreadSpacingMs(HOUR, 0)).toBe(HOUR);
  });

  it('counts a day’s syncs only on their UTC day, and says when the next is allowed', () => {
    const now = Date.parse('2026-12-02T19:47:00Z');
    expect(budgetStatus(4, { day: '2026-12-02', used: 4 }, now)).toMatchObject({ used: 4, left: 0 });
    expect(budgetStatus(4, { day: '2026-12-01', used: 4 }, now)).toMatchObject({ used: 0, left: 4 });
    expect(describeReset(budgetStatus(4, { day: '2026-12-02', used: 4 }, now), now)).toBe(
      'after 2026-12-03 00:00 UTC (in 4h13m)',
    );
  });
});
