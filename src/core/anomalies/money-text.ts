import { formatMoney } from '../money';

/** `$44-$62`, or one figure when the range is one amount. */
export function moneyRange(lowCents: number, highCents: number, currency: string): string {
  const low = formatMoney(Math.round(lowCents), currency);
  const high = formatMoney(Math.round(highCents), currency);
  return low === high ? low : `${low}-${high}`;
}

export const money = (cents: number, currency: string) => formatMoney(Math.round(cents), currency);
