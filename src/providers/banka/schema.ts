import * as z from '../../validation/zod';
import { isValidDate } from '../../core/dates';

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
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?[+-]\d{2}:\d{2}$/;

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
