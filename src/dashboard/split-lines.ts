import { formatMoney } from '../core/money';
import { partsCount, type SplitPart } from '../core/split';
import type { Transaction } from '../core/transaction';

/**
 * The detail dialog's lines for a split row: one per part (category and amount, as
 * `finagg tx show` lists them), then, when the parts no longer add up to the row (the
 * bank changed its amount after the split), a line saying the row counts whole instead,
 * since every total in the dashboard then counts it so (core/split.ts partsCount).
 */
export function splitLines(t: Transaction, parts: readonly SplitPart[]): [label: string, value: string][] {
  if (parts.length === 0) return [];
  const width = Math.max(...parts.map((p) => p.category.length));
  const lines: [string, string][] = parts.map((p, i) => [
    i === 0 ? 'split' : '',
    `${p.category.padEnd(width)}  ${formatMoney(p.cents, t.currency)}`,
  ]);
  if (!partsCount(parts, t.amountCents)) {
    const sum = parts.reduce((s, p) => s + p.cents, 0);
    lines.push([
      '',
      `not counted: the parts add up to ${formatMoney(sum, t.currency)}, the bank now says ${formatMoney(t.amountCents, t.currency)}; counted whole as ${t.category} (finagg tx split ${t.id})`,
    ]);
  }
  return lines;
}
