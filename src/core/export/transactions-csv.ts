import Papa from 'papaparse';
import { formatDecimal } from '../money';
import { partsText, type WithSplits } from '../split';
import type { Transaction } from '../transaction';

/**
 * The columns of `tx --csv` and `export --format csv`, in order (new ones go last):
 * `transfer_account` names the other account of a transfer between own accounts;
 * `splits` holds a split row's parts, `groceries=-80.00,home-improvement=-40.50`.
 */
export const CSV_COLUMNS = [
  'id',
  'account_id',
  'date',
  'amount',
  'currency',
  'description',
  'merchant',
  'category',
  'pending',
  'note',
  'account',
  'transfer_account',
  'splits',
] as const;

export function csvHeader(): string {
  return `${Papa.unparse([CSV_COLUMNS as unknown as string[]], { newline: '\n' })}\n`;
}

/**
 * Rows of transactions as CSV text (RFC 4180 quoting, `\n` line ends). Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first; a bank's description
 * is not the person's own text) is written with a leading apostrophe; amounts are
 * numbers and keep their sign.
 */
export function csvRows(rows: readonly WithSplits<Transaction>[], accountNames: ReadonlyMap<number, string>): string {
  if (rows.length === 0) return '';
  const data = rows.map((t) => [
    String(t.id),
    String(t.accountId),
    t.date,
    formatDecimal(t.amountCents, t.currency),
    t.currency,
    text(t.description),
    text(t.merchant ?? ''),
    text(t.category),
    t.pending ? 'true' : 'false',
    text(t.note ?? ''),
    text(accountNames.get(t.accountId) ?? ''),
    text(t.transferAccountId === null ? '' : (accountNames.get(t.transferAccountId) ?? String(t.transferAccountId))),
    text(t.splits === null ? '' : (partsText(t.splits, t.currency) ?? '')),
  ]);
  return `${Papa.unparse(data, { newline: '\n', escapeFormulae: false })}\n`;
}

function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
