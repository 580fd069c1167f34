/**
 * Money is integer minor units (cents) inside finagg. These functions are the only way
 * in and out: decimal strings and numbers exist at the edges (bank payloads, --json,
 * tables), never in arithmetic.
 */

/** Minor-unit digits of the currencies whose exponent is not 2 (ISO 4217). */
const EXPONENTS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** Whole part with optional thousands groups, then an optional fraction. */
const DOT_DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const COMMA_DECIMAL = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

export interface ParseMoneyOptions {
  /** The decimal separator of the text: `.` (default) or `,` as in `1.234,56`. */
  decimal?: '.' | ',';
  currency?: string;
}

/**
 * Parses a decimal amount written as text (`-75.5`, `1,234.56`, `1.234,56`, `(12.00)`)
 * into integer minor units without going through a float. Returns undefined when the
 * text is not an amount or has more fraction digits than the currency allows.
 */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): number | undefined {
  const decimal = options.decimal ?? '.';
  const group = decimal === '.' ? ',' : '.';
  const exponent = currencyExponent(options.currency ?? 'USD');
  let s = text.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== s.startsWith('-');
    s = s.slice(1).trim();
  }
  if (s.endsWith('-')) {
    // Some statements put the sign last: "12.50-".
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  const match = (decimal === '.' ? DOT_DECIMAL : COMMA_DECIMAL).exec(s);
  if (!match) return undefined;
  const whole = match[1]!.split(group).join('');
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    // Trailing zeros beyond the exponent are harmless ("12.500"); anything else is not money.
    if (!/^0*$/.test(fraction.slice(exponent))) return undefined;
  }
  const padded = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const value = Number(whole) * 10 ** exponent + (padded === '' ? 0 : Number(padded));
  if (!Number.isSafeInteger(value)) return undefined;
  return negative && value !== 0 ? -value : value;
}

/**
 * What is wrong with text that parseMoney refused, for a message after the quoted text:
 * `has 4 decimal places; USD amounts have 2`, or `is not an amount`.
 */
export function whyNotMoney(text: string, options: ParseMoneyOptions = {}): string {
  const decimal = options.decimal ?? '.';
  const currency = (options.currency ?? 'USD').toUpperCase();
  const exponent = currencyExponent(currency);
  const s = text
    .trim()
    .replace(/^\(|\)$/g, '')
    .replace(/^[+-]|-$/g, '')
    .trim();
  const match = (decimal === '.' ? DOT_DECIMAL : COMMA_DECIMAL).exec(s);
  const fraction = match?.[2] ?? '';
  if (match && fraction.length > exponent)
    return `has ${fraction.length} decimal places; ${currency} amounts have ${exponent === 0 ? 'none' : exponent}`;
  return match ? 'is too large to be an amount' : 'is not an amount';
}

/**
 * Converts a decimal number from a bank payload (dollars as a float, such as 12.3 or
 * 0.1 + 0.2) to minor units. Rounds to the nearest unit, which is what the bank meant.
 */
export function moneyFromNumber(value: number, currency = 'USD'): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  // `|| 0`: -0 (from -0 or -0.001) is zero, not minus zero.
  const cents = Math.round(value * 10 ** currencyExponent(currency)) || 0;
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** Minor units to the decimal number of `--json` output (`-7550` -> `-75.5`). */
export function moneyToNumber(cents: number, currency = 'USD'): number {
  return Number(formatDecimal(cents, currency));
}

/** Minor units to a plain decimal string with all fraction digits (`-7550` -> `-75.50`). */
export function formatDecimal(cents: number, currency = 'USD'): string {
  const exponent = currencyExponent(currency);
  const sign = cents < 0 ? '-' : '';
  const digits = Math.abs(cents)
    .toString()
    .padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** Minor units for people: `-$1,234.50`, `€12.00`, `12.00 CHF`. */
export function formatMoney(cents: number, currency = 'USD'): string {
  const plain = formatDecimal(Math.abs(cents), currency);
  const [whole, fraction] = plain.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  const sign = cents < 0 ? '-' : '';
  const symbol = SYMBOLS[currency.toUpperCase()];
  return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency.toUpperCase()}`;
}
