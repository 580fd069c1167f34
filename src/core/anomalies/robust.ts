/** Sorted copy, ascending. */
export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0..1) of ascending values, interpolated. */
export function quantile(ascending: readonly number[], q: number): number {
  if (ascending.length === 0) return NaN;
  const pos = (ascending.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return ascending[lo]! + (ascending[hi]! - ascending[lo]!) * (pos - lo);
}

export function median(ascending: readonly number[]): number {
  return quantile(ascending, 0.5);
}

/** Median absolute deviation from the median. */
export function mad(ascending: readonly number[]): number {
  const m = median(ascending);
  return median(sorted(ascending.map((v) => Math.abs(v - m))));
}

/**
 * How many robust standard deviations `value` lies above the typical sample. The spread
 * is the MAD scaled to a standard deviation, but never below a tenth of the median or a
 * dollar: identical amounts (a MAD of zero) must not make a cent's difference alarming.
 */
export function robustScore(ascending: readonly number[], value: number): number {
  let typical = typicalOf.get(ascending);
  if (typical === undefined) {
    const m = median(ascending);
    typical = { median: m, spread: Math.max(1.4826 * mad(ascending), 0.1 * Math.abs(m), 100) };
    typicalOf.set(ascending, typical);
  }
  return (value - typical.median) / typical.spread;
}

/**
 * The median and spread of samples already worked out: the anomaly check scores every
 * purchase of a day at a merchant against the same samples (history.remember), and
 * sorting the deviations again for each was a third of a first sync's check. Samples are
 * never changed once sorted.
 */
const typicalOf = new WeakMap<readonly number[], { median: number; spread: number }>();
