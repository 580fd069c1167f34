import * as z from '../../validation/zod';

/*
 * Enable Banking's raw records, as the API reference describes them. Objects are loose
 * (the API adds fields; banks add more), and an optional field sent as JSON null is as
 * absent as a missing one. What finagg reads is typed here; whether a value is usable
 * (a real date, exact money) is the normalizer's check, so its reason can name the value.
 */

const optional = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

/** An ISO 4217 code; upper-cased by the normalizer. */
export const CURRENCY = z.string().check(z.regex(/^[A-Za-z]{3}$/, 'not a currency code like EUR'));

/** Whole text: an id with half a surrogate pair would be stored as U+FFFD and never match itself again. */
export const ID_TEXT = z.string().check(
  z.minLength(1, 'empty'),
  // zod counts code points.
  z.maxLength(200, 'longer than 200 characters'),
  z.refine(
    (id: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id),
    'not well-formed text',
  ),
);

export const amountTypeSchema = z.looseObject({
  currency: CURRENCY,
  /** A decimal string; its digits are read by the normalizer, which knows the currency. */
  amount: z.string(),
});

const partySchema = z.looseObject({ name: optional(z.string()) });

export const transactionSchema = z.looseObject({
  /** Not an identity: may change when a pending entry books, and some banks renumber a day. */
  entry_reference: optional(z.string()),
  transaction_amount: amountTypeSchema,
  credit_debit_indicator: z.enum(['CRDT', 'DBIT']),
  /** Any text here; the normalizer takes BOOK, PDNG and HOLD (the provider leaves the rest out). */
  status: z.string(),
  booking_date: optional(z.string()),
  value_date: optional(z.string()),
  transaction_date: optional(z.string()),
  creditor: optional(partySchema),
  debtor: optional(partySchema),
  /** Lines of statement text; a null line says nothing. */
  remittance_information: optional(z.array(z.nullable(z.string()))),
  reference_number: optional(z.string()),
  note: optional(z.string()),
  /** A hint only: any value passes, and only four digits are read. */
  merchant_category_code: z.optional(z.unknown()),
  bank_transaction_code: optional(z.looseObject({ description: optional(z.string()) })),
});
export type EnableBankingTransaction = z.infer<typeof transactionSchema>;

export const transactionsAnswerSchema = z.looseObject({
  transactions: z.array(z.unknown()),
  continuation_key: optional(z.string()),
});

export const balanceSchema = z.looseObject({
  name: optional(z.string()),
  balance_amount: amountTypeSchema,
  balance_type: z.string(),
  reference_date: optional(z.string()),
  last_change_date_time: optional(z.string()),
});
export type EnableBankingBalance = z.infer<typeof balanceSchema>;

export const balancesAnswerSchema = z.looseObject({ balances: z.array(z.unknown()) });

const accountIdentificationSchema = z.looseObject({
  iban: optional(z.string()),
  other: optional(
    z.looseObject({
      identification: z.string(),
      scheme_name: z.string(),
      issuer: optional(z.string()),
    }),
  ),
});

export const accountResourceSchema = z.looseObject({
  /** Valid only while the session is; the provider keeps it in the secret, the normalizer never reads it. */
  uid: optional(z.string()),
  account_id: optional(accountIdentificationSchema),
  /** The holder's name, not the account's. */
  name: optional(z.string()),
  details: optional(z.string()),
  product: optional(z.string()),
  cash_account_type: optional(z.string()),
  currency: CURRENCY,
  /** Stable across sessions (unlike uid). */
  identification_hash: optional(z.string()),
});
export type EnableBankingAccountResource = z.infer<typeof accountResourceSchema>;

export const aspspSchema = z.looseObject({
  name: z.string(),
  country: z.string(),
  psu_types: optional(z.array(z.string())),
  maximum_consent_validity: optional(z.number()),
  beta: optional(z.boolean()),
});

export const aspspsAnswerSchema = z.looseObject({ aspsps: z.array(z.unknown()) });

export const authAnswerSchema = z.looseObject({ url: z.string() });

const aspspRefSchema = z.looseObject({ name: z.string(), country: z.string() });

export const sessionAnswerSchema = z.looseObject({
  session_id: ID_TEXT,
  accounts: z.array(z.unknown()),
  aspsp: aspspRefSchema,
  psu_type: optional(z.string()),
  access: optional(z.looseObject({ valid_until: optional(z.string()) })),
});

/** The body of every error the API sends. Only `error` is acted on; the rest is shown, sanitized. */
export const errorResponseSchema = z.looseObject({
  message: optional(z.string()),
  code: z.optional(z.unknown()),
  error: optional(z.string()),
  detail: z.optional(z.unknown()),
});

// What the provider hands its normalizers: the bank's record with what the provider knows.

/** One transaction: the bank's record, and its number among identical reference-less records of one listing. */
export const transactionRecordSchema = z.object({
  transaction: z.unknown(),
  occurrence: z.int().check(z.minimum(0, 'negative')),
});
export interface EnableBankingTransactionRecord {
  transaction: unknown;
  occurrence: number;
}

/** One account: its AccountResource as the session gave it, and the answer of its balances. */
export const accountRecordSchema = z.object({
  account: z.unknown(),
  balances: z.array(z.unknown()),
});
export interface EnableBankingAccountRecord {
  account: unknown;
  balances: unknown[];
}
