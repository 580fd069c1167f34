import * as z from '../../validation/zod';
import { daysInMonth } from '../sim/calendar';

const CURRENCY = /^[A-Za-z]{3}$/;

/** BankB's raw account: integer cents; cards and loans report what is owed as positive. */
export const bankBAccountSchema = z.object({
  account_number: z.string().check(z.regex(/^\d{4,17}$/, 'not an account number')),
  type: z.enum(['checking', 'savings', 'credit', 'loan', 'brokerage']),
  nickname: z.string().check(z.minLength(1)),
  balance_amount: z.int(),
  currency_code: z.string().check(z.regex(CURRENCY, 'not a currency code')),
});
export type BankBAccount = z.infer<typeof bankBAccountSchema>;

/** `MM/DD/YYYY` that is a real date. */
const US_DATE = z.string().check(
  z.regex(/^\d{2}\/\d{2}\/\d{4}$/, 'not a date like 03/09/2025'),
  z.refine((text: string) => isoFromUsDate(text) !== undefined, 'not a real date'),
);

/** BankB's raw transaction: unsigned cents with a direction, Plaid-like pending links. */
export const bankBTransactionSchema = z.object({
  transaction_id: z.string().check(z.minLength(1)),
  account_number: z.string().check(z.minLength(1)),
  amount: z.int().check(z.nonnegative()),
  iso_currency_code: z.string().check(z.regex(CURRENCY, 'not a currency code')),
  direction: z.enum(['debit', 'credit']),
  date: US_DATE,
  payee: z.nullable(z.string().check(z.minLength(1))),
  memo: z.string().check(z.minLength(1)),
  pending: z.boolean(),
  /** On a posted record: the id of the pending one it replaces. */
  pending_transaction_id: z.nullable(z.string().check(z.minLength(1))),
  /** BankB's category label (Plaid's personal finance categories). */
  personal_finance_category: z.nullable(z.string().check(z.minLength(1))),
});
export type BankBTransaction = z.infer<typeof bankBTransactionSchema>;

export interface BankBSyncRequest {
  account_number: string;
  /** null: the whole history window. */
  cursor: string | null;
  /** Up to 500 changes a page. */
  count?: number;
}

export interface BankBSyncResponse {
  added: unknown[];
  modified: unknown[];
  removed: Array<{ transaction_id: string }>;
  has_more: boolean;
  next_cursor: string;
}

/** `MM/DD/YYYY` to `YYYY-MM-DD`, undefined when it is not a real date. */
export function isoFromUsDate(text: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[3]), Number(m[1]), Number(m[2])];
  // Arithmetic, not Date: this runs for every record.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return `${m[3]}-${m[1]}-${m[2]}`;
}
