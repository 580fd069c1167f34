import * as z from '../../validation/zod';
import { daysInMonth } from '../sim/calendar';
import { digitsAt, filled, matching, rawObject } from '../raw-check';

/** `-1.234,56`: dots group thousands, a comma before exactly two decimals. */
const EU_AMOUNT_PATTERN = /^-?\d{1,3}(\.\d{3})*,\d{2}$/;
const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;
const IBAN_PATTERN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
/** `DD.MM.YYYY`. */
const EU_DATE_PATTERN = /^\d{2}\.\d{2}\.\d{4}$/;

const EU_AMOUNT = z.string().check(z.regex(EU_AMOUNT_PATTERN, 'not an amount like -1.234,56'));
const CURRENCY = z.string().check(z.regex(CURRENCY_PATTERN, 'not a currency code'));
const IBAN = z.string().check(z.regex(IBAN_PATTERN, 'not an IBAN'));

/** `DD.MM.YYYY` that is a real date. */
const EU_DATE = z.string().check(
  z.regex(EU_DATE_PATTERN, 'not a date like 09.03.2025'),
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

/** The record when bankCTransactionSchema plainly accepts it as it is, else undefined (see raw-check.ts). */
export function wellFormedBankCTransaction(raw: unknown): BankCTransaction | undefined {
  const r = rawObject(raw);
  if (r === undefined) return undefined;
  const counterparty = rawObject(r.counterparty);
  const ok =
    filled(r.transaction_id) &&
    (r.booking_status === 'booked' || r.booking_status === 'pending') &&
    euDate(r.booking_date) &&
    (r.value_date === null || euDate(r.value_date)) &&
    matching(r.amount, EU_AMOUNT_PATTERN) &&
    matching(r.currency, CURRENCY_PATTERN) &&
    counterparty !== undefined &&
    filled(counterparty.name) &&
    (counterparty.iban === null || matching(counterparty.iban, IBAN_PATTERN)) &&
    filled(r.remittance_info) &&
    filled(r.booking_text);
  return ok ? (r as BankCTransaction) : undefined;
}

/** EU_DATE, by hand. */
function euDate(value: unknown): boolean {
  return matching(value, EU_DATE_PATTERN) && isoFromEuDate(value) !== undefined;
}

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
  // Arithmetic, not Date, and digits read in place, not a match: this runs for every record.
  if (!EU_DATE_PATTERN.test(text)) return undefined;
  const [y, mo, d] = [digitsAt(text, 6, 4), digitsAt(text, 3, 2), digitsAt(text, 0, 2)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return `${text.slice(6)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
}
