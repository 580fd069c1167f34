import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mad, median, quantile, sorted } from '../../../src/core/anomalies/robust';

/** The definitions, written the plain way: what the anomaly detectors' statistics must equal. */
function plainQuantile(values: readonly number[], q: number): number {
  const a = [...values].sort((x, y) => x - y);
  const pos = (a.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return a[lo]! + (a[hi]! - a[lo]!) * (pos - lo);
}

function plainMad(values: readonly number[]): number {
  const m = plainQuantile(values, 0.5);
  return plainQuantile(
    values.map((v) => Math.abs(v - m)),
    0.5,
  );
}

describe('robust statistics of amounts', () => {
  it('sorts numbers as numbers', () => {
    expect([...sorted([1000, 25, -3, 300, 25])]).toEqual([-3, 25, 25, 300, 1000]);
  });

  it('finds the median and its absolute deviation of a small sample', () => {
    const a = sorted([450, 500, 520, 480, 10_000]);
    expect(median(a)).toBe(500);
    // Deviations 50, 0, 20, 20, 9500: their median is 20.
    expect(mad(a)).toBe(20);
    expect(mad(sorted([700, 700, 700, 700]))).toBe(0);
    expect(mad(sorted([100, 200]))).toBe(50);
    expect(mad(sorted([]))).toBeNaN();
  });

  it('agrees with the plain definitions on any sample of cents', () => {
    const sample = fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { minLength: 1, maxLength: 300 });
    const smallRange = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(sample, smallRange), (values) => {
        const a = sorted(values);
        expect(median(a)).toBe(plainQuantile(values, 0.5));
        expect(quantile(a, 0.1)).toBe(plainQuantile(values, 0.1));
        expect(mad(a)).toBe(plainMad(values));
      }),
      { numRuns: 3000 },
    );
  });
});
