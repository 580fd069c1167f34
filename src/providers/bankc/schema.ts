import * as z from '../../validation/zod';
import { daysInMonth } from '../sim/calendar';

/** `-1.234,56`: dots group thousands, a comma before exactly two decimals. */
const EU_AMOUNT = z.string().check(z.regex(/^-?\d{1,3}(\.\d{3})*,\d{2}$/, 'not an amount like -1.234,56'));
const CURRENCY = z.string().check(z.regex(/^[A-Za-z]{3}$/, 'not a currency code'));
const IBAN = z.string().check(z.regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'not an IBAN'));

/** `DD.MM.YYYY` that is a real date. */
const EU_DATE = z.string().check(
  z.regex(/^\d{2}\.\d{2}\.\d{4}$/, 'not a date like 09.03.2025'),
  z.refine((text: string) => isoFromEuDate(text) !== undefined, 'not a real date'),
);

/** BankC's raw account, identified by its IBAN. */
export const bankCAccountSchema = z.object({
  iban: IBAN,
  product: z.string().check(z.minLength(1)),
  account_type: z.enum(['CURRENT', 'SAVINGS', 'CARD', 'LOAN', 'SECURITIES']),
  balance: z.object({ amount: EU_AMOUNT, currency: CURRENCY }),
});
export type BankCAccount = z.infer<typeof bankCAccountSchema>;

/** BankC's raw transaction: decimal-comma amounts, German dates, a nested counterparty. */
export const bankCTransactionSchema = z.object({
  transaction_id: z.string().check(z.minLength(1)),
  booking_status: z.enum(['booked', 'pending']),
  booking_date: EU_DATE,
  /** When the money counts for interest; unknown while pending. */
  value_date: z.nullable(EU_DATE),
  amount: EU_AMOUNT,
  currency: CURRENCY,
  counterparty: z.object({ name: z.string().check(z.minLength(1)), iban: z.nullable(IBAN) }),
  remittance_info: z.string().check(z.minLength(1)),
  /** The kind of booking: Kartenzahlung, Lastschrift, Gutschrift, ... */
  booking_text: z.string().check(z.minLength(1)),
});
export type BankCTransaction = z.infer<typeof bankCTransactionSchema>;

export interface BankCTransactionsQuery {
  iban: string;
  /** `YYYY-MM-DD`. */
  date_from: string;
  offset: number;
  /** At most 200. */
  limit: number;
}

export interface BankCTransactionsResponse {
  transactions: unknown[];
  offset: number;
  limit: number;
  total: number;
}

/** `DD.MM.YYYY` to `YYYY-MM-DD`, undefined when it is not a real date. */
export function isoFromEuDate(text: string): string | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  // Arithmetic, not Date: this runs for every record.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return `${m[3]}-${m[2]}-${m[1]}`;
}
