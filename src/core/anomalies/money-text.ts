import { formatMoney } from '../money';
import { range } from '../words';

/** `$44.00 to $62.00`, or one figure when the range is one amount. */
export function moneyRange(lowCents: number, highCents: number, currency: string): string {
  const low = formatMoney(Math.round(lowCents), currency);
  const high = formatMoney(Math.round(highCents), currency);
  return range(low, high);
}

export const money = (cents: number, currency: string) => formatMoney(Math.round(cents), currency);
