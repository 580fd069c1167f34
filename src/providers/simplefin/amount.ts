import { currencyExponent } from '../../core/money';

/** SimpleFIN's "numeric string": a sign, digits, maybe a fraction. No groups, no exponent, no bare ".5". */
const NUMERIC = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A double carries every decimal of at most 15 significant digits exactly (DBL_DIG). */
const EXACT_DIGITS = 15;

export type AmountResult = { ok: true; minor: number } | { ok: false; problem: string };

/**
 * A SimpleFIN amount in exact minor units of `currency`, never through float arithmetic
 * and never rounded: `"12.5"` USD is 1250, `"12.500"` is 1250 too, `"-4.125"` USD is refused.
 *
 * The protocol says numeric string, but some servers send JSON numbers. A number is
 * taken through its shortest decimal form `String(n)`, and only when that form is
 * certainly the one the server wrote: a safe integer, or a plain decimal of at most 15
 * significant digits. Above that (`0.30000000000000004`, or cents of balances past
 * $70 trillion, where two cent values share one double) the text the server meant is
 * lost, so the record is refused rather than guessed; so are `1e-7` and `1e+21`.
 */
export function minorUnits(value: string | number, currency: string): AmountResult {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, problem: 'not a finite number' };
    text = String(value);
    if (!Number.isSafeInteger(value)) {
      const match = NUMERIC.exec(text);
      if (!match) return { ok: false, problem: 'a JSON number with no plain decimal form' };
      if (significantDigits(match[2]!, match[3] ?? '') > EXACT_DIGITS)
        return { ok: false, problem: 'a JSON number with more digits than a double keeps exactly' };
    }
  } else {
    text = value.trim();
  }
  const match = NUMERIC.exec(text);
  if (!match) return { ok: false, problem: 'not a numeric string like "-12.34"' };
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  // Trailing zeros beyond the exponent are exact ("12.500"); any other digit there is not money.
  if (fraction.length > exponent && !/^0*$/.test(fraction.slice(exponent)))
    return { ok: false, problem: `more decimals than ${currency} has` };
  const digits = (whole! + fraction.padEnd(exponent, '0').slice(0, exponent)).replace(/^0+/, '');
  // 16 digits at most before Number(): a longer string cannot be a safe integer anyway.
  const minor = digits.length > 16 ? Number.POSITIVE_INFINITY : Number(digits || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: `too large to hold exactly in minor units of ${currency}` };
  // Never -0: "-0.00" is zero.
  return { ok: true, minor: sign === '-' && minor !== 0 ? -minor : minor };
}

function significantDigits(whole: string, fraction: string): number {
  return (whole + fraction).replace(/^0+/, '').replace(/0+$/, '').length;
}
