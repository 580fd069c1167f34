// Amounts cross the wire as decimal strings. Inside, the server keeps integer minor units so
// that a balance is an exact sum of its rows.

/**
 * `fixed` always writes every decimal ("-42.00"); `short` drops trailing zeros ("-2400",
 * "-3.5"), as some bridges do. Clients that parse by deleting the dot get `short` wrong,
 * which is why the household sends both.
 */
export type AmountStyle = 'fixed' | 'short';

export function formatAmount(minor: number, decimals: number, style: AmountStyle = 'fixed'): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (style === 'short') fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** Minor units of a decimal string, or undefined when it is not a number or has more decimals than the currency. */
export function parseAmount(text: string, decimals: number): number | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) return undefined;
  const minor = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign === '-' ? -minor : minor;
}
