/**
 * Exact fractions of big integers, for currency conversion: a rate is a decimal (`1.0512`)
 * or the inverse of one (a price directive's `1 / 0.9513`), and an amount converted through
 * two rates is a fraction no float holds. Figures are summed exactly and rounded once.
 */
export interface Rational {
  readonly num: bigint;
  /** Always positive. */
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('a fraction with denominator 0');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

/** A plain decimal (`1.0512`, `162.43`, `-3`), exactly; undefined for anything else. */
export function parseDecimal(text: string): Rational | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[3] ?? '';
  const digits = BigInt(`${match[2]}${fraction}`);
  return rational(match[1] === '-' ? -digits : digits, 10n ** BigInt(fraction.length));
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const isPositive = (a: Rational): boolean => a.num > 0n;

/** Rounded to the nearest integer, a half to the even one (banker's rounding: no drift in sums). */
export function roundHalfEven(a: Rational): number {
  const { num, den } = a;
  let q = num / den; // truncates toward zero
  let r = num % den;
  if (r < 0n) {
    q -= 1n;
    r += den;
  }
  const twice = 2n * r;
  if (twice > den || (twice === den && q % 2n !== 0n)) q += 1n;
  return Number(q);
}

/** Shortest exact decimal text when there is one, else up to `digits` places (for display only). */
export function formatRational(a: Rational, digits = 6): string {
  let den = a.den;
  let places = 0;
  while (den % 10n === 0n) {
    den /= 10n;
    places++;
  }
  while (den % 2n === 0n || den % 5n === 0n) {
    if (den % 2n === 0n) den /= 2n;
    else den /= 5n;
    places++;
  }
  const exact = den === 1n && places <= 12;
  const shown = exact ? places : digits;
  const scaled = roundHalfEven(mul(a, rational(10n ** BigInt(shown))));
  const negative = scaled < 0;
  const text = String(Math.abs(scaled)).padStart(shown + 1, '0');
  const whole = text.slice(0, text.length - shown);
  const part = shown > 0 ? `.${text.slice(text.length - shown)}`.replace(exact ? /$^/ : /0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${part === '.' ? '' : part}`;
}

export const toNumber = (a: Rational): number => Number(a.num) / Number(a.den);
