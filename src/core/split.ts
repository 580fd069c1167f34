import { invalidInput } from './errors';
import { formatDecimal, formatMoney, parseMoney } from './money';

/** One part of a split purchase: a category and its share, in minor units with the transaction's sign. */
export interface SplitPart {
  category: string;
  cents: number;
}

/** A row with its parts; null when it is not split. */
export type WithSplits<T> = T & { splits: SplitPart[] | null };

const PART = /^([^=]+)=(.+)$/;

/**
 * The parts of `tx split <id> groceries=80 home-improvement=40.50`: each amount is the
 * part's size in the transaction's currency (no sign: a part has the transaction's),
 * and the parts must sum to the transaction's amount exactly, or nothing changes and the
 * error says by how much they are off.
 */
export function parseSplit(texts: readonly string[], totalCents: number, currency: string): SplitPart[] {
  if (texts.length < 2)
    throw invalidInput('invalid split: give two or more parts such as groceries=80 shopping=40', 'see finagg tx split --help');
  const sign = totalCents < 0 ? -1 : 1;
  const parts = texts.map((text) => {
    const match = PART.exec(text.trim());
    const category = match?.[1]?.trim().toLowerCase().replace(/\s+/g, '-') ?? '';
    const amountText = match?.[2]?.trim() ?? '';
    if (!match || category === '')
      throw invalidInput(`invalid split part ${JSON.stringify(text)}: write category=amount, such as groceries=80`);
    const cents = parseMoney(amountText, { currency });
    if (cents === undefined || cents <= 0)
      throw invalidInput(
        `invalid split part ${JSON.stringify(text)}: the amount must be a positive ${currency} amount, such as 80 or 12.50`,
      );
    return { category, cents: sign * cents };
  });
  const seen = new Set<string>();
  for (const p of parts) {
    if (seen.has(p.category)) throw invalidInput(`invalid split: ${p.category} is named twice; give each category once`);
    seen.add(p.category);
  }
  const sum = parts.reduce((s, p) => s + p.cents, 0);
  if (sum !== totalCents) {
    const off = Math.abs(sum) - Math.abs(totalCents);
    throw invalidInput(
      `invalid split: the parts sum to ${formatMoney(Math.abs(sum), currency)} but the transaction is ${formatMoney(Math.abs(totalCents), currency)} (${off > 0 ? `${formatMoney(off, currency)} too much` : `${formatMoney(-off, currency)} short`})`,
    );
  }
  return parts;
}

/** The category a split row keeps as its own: its largest part's (the first of equal ones). */
export function mainPart(parts: readonly SplitPart[]): SplitPart {
  return parts.reduce((best, p) => (Math.abs(p.cents) > Math.abs(best.cents) ? p : best));
}

/**
 * Whether a row's parts still count: they sum to its amount. A bank that later changes the
 * amount leaves parts that do not, and then the row counts whole in its own category
 * (cash-flow-repo and budgets-repo test the same in SQL), so every total stays the rows'.
 */
export const partsCount = (parts: readonly SplitPart[], amountCents: number): boolean =>
  parts.length > 0 && parts.reduce((sum, p) => sum + p.cents, 0) === amountCents;

/** Parts as audited text, `groceries=-80.00,home-improvement=-40.50`; null for none. */
export const partsText = (parts: readonly SplitPart[], currency: string): string | null =>
  parts.length === 0 ? null : parts.map((p) => `${p.category}=${formatDecimal(p.cents, currency)}`).join(',');
