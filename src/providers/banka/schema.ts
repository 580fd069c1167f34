import * as z from '../../validation/zod';
import { isValidDate } from '../../core/dates';
import { filled, finite, matching, rawObject } from '../raw-check';

/** BankA's raw account: dollars as a float, cards report what is owed as a positive balance. */
export const bankAAccountSchema = z.object({
  acct_id: z.string().check(z.minLength(1)),
  acct_type: z.enum(['CHECKING', 'SAVINGS', 'CREDIT_CARD', 'LOAN', 'BROKERAGE']),
  acct_name: z.string().check(z.minLength(1)),
  current_balance: z.number(),
  curr: z.string().check(z.regex(/^[A-Za-z]{3}$/, 'not a currency code')),
});
export type BankAAccount = z.infer<typeof bankAAccountSchema>;

/** Local time with the bank's offset: `2025-03-09T11:16:49-05:00`. */
export const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?[+-]\d{2}:\d{2}$/;

/** BankA's raw transaction: signed float dollars, negative is money out. */
export const bankATransactionSchema = z.object({
  txn_id: z.string().check(z.minLength(1)),
  txn_date: z.string().check(
    z.regex(LOCAL_TIME, 'not a local time like 2025-03-09T11:16:49-05:00'),
    z.refine((text: string) => isValidDate(text.slice(0, 10)), 'not a real date'),
  ),
  txn_amount: z.number(),
  txn_desc: z.string().check(z.minLength(1)),
  /** Card purchases only: the merchant and BankA's own category label. */
  merchant_info: z.nullable(
    z.object({ name: z.string().check(z.minLength(1)), category: z.nullable(z.string().check(z.minLength(1))) }),
  ),
  txn_status: z.enum(['pending', 'completed']),
});
export type BankATransaction = z.infer<typeof bankATransactionSchema>;

/** The record when bankATransactionSchema plainly accepts it as it is, else undefined (see raw-check.ts). */
export function wellFormedBankATransaction(raw: unknown): BankATransaction | undefined {
  const r = rawObject(raw);
  if (r === undefined) return undefined;
  const info = r.merchant_info === null ? null : rawObject(r.merchant_info);
  const ok =
    filled(r.txn_id) &&
    matching(r.txn_date, LOCAL_TIME) &&
    isValidDate(r.txn_date.slice(0, 10)) &&
    finite(r.txn_amount) &&
    filled(r.txn_desc) &&
    (info === null || (info !== undefined && filled(info.name) && (info.category === null || filled(info.category)))) &&
    (r.txn_status === 'pending' || r.txn_status === 'completed');
  return ok ? (r as BankATransaction) : undefined;
}

export interface BankATransactionsQuery {
  acct_id: string;
  /** `YYYY-MM-DD`, first day wanted (bank-local). */
  since_date: string;
  /** 1-based. */
  page: number;
}

export interface BankATransactionsResponse {
  transactions: unknown[];
  page: number;
  page_size: number;
  /** The page to ask for next, or null after the last one. */
  next_page: number | null;
}
