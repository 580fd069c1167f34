import * as z from '../../validation/zod';
import { daysInMonth } from '../sim/calendar';
import { digitsAt, filled, matching, rawObject } from '../raw-check';

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

/** `MM/DD/YYYY`. */
const US_DATE_PATTERN = /^\d{2}\/\d{2}\/\d{4}$/;

/** `MM/DD/YYYY` that is a real date. */
const US_DATE = z.string().check(
  z.regex(US_DATE_PATTERN, 'not a date like 03/09/2025'),
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

/** The record when bankBTransactionSchema plainly accepts it as it is, else undefined (see raw-check.ts). */
export function wellFormedBankBTransaction(raw: unknown): BankBTransaction | undefined {
  const r = rawObject(raw);
  if (r === undefined) return undefined;
  const ok =
    filled(r.transaction_id) &&
    filled(r.account_number) &&
    Number.isSafeInteger(r.amount) &&
    (r.amount as number) >= 0 &&
    matching(r.iso_currency_code, CURRENCY) &&
    (r.direction === 'debit' || r.direction === 'credit') &&
    matching(r.date, US_DATE_PATTERN) &&
    isoFromUsDate(r.date) !== undefined &&
    (r.payee === null || filled(r.payee)) &&
    filled(r.memo) &&
    typeof r.pending === 'boolean' &&
    (r.pending_transaction_id === null || filled(r.pending_transaction_id)) &&
    (r.personal_finance_category === null || filled(r.personal_finance_category));
  return ok ? (r as BankBTransaction) : undefined;
}

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
  // Arithmetic, not Date, and digits read in place, not a match: this runs for every record.
  if (!US_DATE_PATTERN.test(text)) return undefined;
  const [y, mo, d] = [digitsAt(text, 6, 4), digitsAt(text, 0, 2), digitsAt(text, 3, 2)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return `${text.slice(6)}-${text.slice(0, 2)}-${text.slice(3, 5)}`;
}
