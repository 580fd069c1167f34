/** Samples in ascending order. */
export type Ascending = Readonly<Float64Array>;

/**
 * Sorted copy, ascending. A typed array sorts numbers natively: sorting a merchant's 90
 * days for every day it was paid was a quarter of a first sync's anomaly check with a
 * comparator function.
 */
export function sorted(values: ArrayLike<number>): Ascending {
  return Float64Array.from(values).sort();
}

/** The q-quantile (0..1) of ascending values, interpolated. */
export function quantile(ascending: Ascending, q: number): number {
  if (ascending.length === 0) return NaN;
  const pos = (ascending.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return ascending[lo]! + (ascending[hi]! - ascending[lo]!) * (pos - lo);
}

export function median(ascending: Ascending): number {
  return quantile(ascending, 0.5);
}

/**
 * Median absolute deviation from the median. Sorted samples hold their deviations as two
 * ascending runs, leftwards and rightwards from the median: merged outwards to the middle,
 * they give the median deviation without sorting the deviations (a first sync's check
 * sorted them for every merchant's day).
 */
export function mad(ascending: Ascending): number {
  const n = ascending.length;
  if (n === 0) return NaN;
  const m = median(ascending);
  let right = firstAbove(ascending, m);
  let left = right - 1;
  const pos = (n - 1) / 2;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  let atLo = 0;
  for (let k = 0; ; k++) {
    const d =
      right >= n || (left >= 0 && m - ascending[left]! <= ascending[right]! - m)
        ? m - ascending[left--]!
        : ascending[right++]! - m;
    if (k === lo) atLo = d;
    if (k === hi) return atLo + (d - atLo) * (pos - lo);
  }
}

/** The index of the first value above `value` (the length when none is). */
function firstAbove(ascending: Ascending, value: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How many robust standard deviations `value` lies above the typical sample. The spread
 * is the MAD scaled to a standard deviation, but never below a tenth of the median or a
 * dollar: identical amounts (a MAD of zero) must not make a cent's difference alarming.
 */
export function robustScore(ascending: Ascending, value: number): number {
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
const typicalOf = new WeakMap<Ascending, { median: number; spread: number }>();
