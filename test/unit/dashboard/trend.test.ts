import { describe, expect, it } from 'vitest';
import { rangeSparkline, sparkline } from '../../../src/dashboard/charts';
import { compact } from '../../../src/dashboard/TrendPanel';

describe('the trend panel', () => {
  it('labels amounts in at most five characters and a sign', () => {
    expect(compact(95_000, 'USD')).toBe('$950');
    expect(compact(470_012, 'USD')).toBe('$4.7k');
    expect(compact(13_561_234, 'USD')).toBe('$136k');
    expect(compact(-13_561_234, 'USD')).toBe('-$136k');
    expect(compact(142_000_000, 'USD')).toBe('$1.4M');
  });

  it('draws net worth from its lowest to its highest month, and spending from zero', () => {
    // A net worth that moves by a few percent still shows its shape.
    expect(rangeSparkline([135_600, 137_200, 142_600, 140_700])).toBe('▁▃█▆');
    expect(rangeSparkline([-500, -500])).toBe('▄▄');
    expect(sparkline([135_600, 137_200, 142_600, 140_700])).toBe('████');
  });
});
