import * as z from '../../validation/zod';

/*
 * SimpleFIN's raw records (protocol v1, and the v2 draft with errlist and connections).
 * Optional fields accept null as absent: servers differ in how they leave a field out,
 * and a null memo says no more than a missing one.
 */

/** One account of an Account Set (v1 or v2 shape), its `transactions` removed, with what the adapter resolved. */
export interface SimpleFinAccountRecord {
  /** The server's Account object as sent (v1 has `org`; v2 has `conn_id`, maybe `conn_name`). */
  account: unknown;
  /** The ISO code upper-cased, or a custom currency's sanitized `abbr` upper-cased (`PTS`). */
  currency: string;
  /** The institution's name for display, or null. */
  institution: string | null;
}

/** One transaction, with the currency of its account. */
export interface SimpleFinTransactionRecord {
  /** The server's Transaction object as sent. */
  transaction: unknown;
  currency: string;
  /**
   * When the adapter received it (epoch seconds): the date of a pending record that has
   * neither `transacted_at` nor `posted` (a server that does not know when it happened).
   */
  receivedAt?: number;
}

/** 9999-12-31T23:59:59Z: a later date has no `YYYY-MM-DD`. */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

const CURRENCY = z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,11}$/, 'not a currency code like USD or PTS'));

/** UNIX time in whole seconds, 1970 to the end of 9999. */
const EPOCH = z
  .int({ error: 'not a UNIX time in whole seconds' })
  .check(z.minimum(0, 'before 1970'), z.maximum(MAX_EPOCH_SECONDS, 'after the year 9999'));

/** Whole text: an id with half a surrogate pair would be stored as U+FFFD and never match itself again. */
const ID = z.string().check(
  z.minLength(1, 'empty'),
  // zod counts code points.
  z.maxLength(200, 'longer than 200 characters'),
  z.refine(
    (id: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id),
    'not well-formed text',
  ),
);

/** A numeric string (or a JSON number); its digits are read by `minorUnits`, which knows the currency. */
const AMOUNT = z.custom<string | number>((value) => typeof value === 'string' || typeof value === 'number', {
  error: 'not a numeric string',
});

const optional = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

export const simpleFinAccountRecordSchema = z.object({
  account: z.unknown(),
  currency: CURRENCY,
  institution: optional(z.string()),
});

export const simpleFinTransactionRecordSchema = z.object({
  transaction: z.unknown(),
  currency: CURRENCY,
  receivedAt: z.optional(EPOCH),
});

/** The fields of an Account that the normalizer reads (its currency comes resolved in the record). */
export const simpleFinAccountSchema = z.object({
  id: ID,
  name: z.string(),
  balance: AMOUNT,
  'available-balance': optional(AMOUNT),
  'balance-date': EPOCH,
  /** The server's own data: read for hints, never a reason to refuse the account. */
  extra: z.optional(z.unknown()),
});
export type SimpleFinAccount = z.infer<typeof simpleFinAccountSchema>;

export const simpleFinTransactionSchema = z.object({
  id: ID,
  /** 0 while pending, for servers that do not know yet. */
  posted: EPOCH,
  amount: AMOUNT,
  /** Required by the protocol; an empty or missing one is replaced by the payee or memo. */
  description: optional(z.string()),
  transacted_at: optional(EPOCH),
  pending: optional(z.boolean()),
  /** Sent by real Bridges, not in the protocol. */
  payee: optional(z.string()),
  memo: optional(z.string()),
  extra: z.optional(z.unknown()),
});
export type SimpleFinTransaction = z.infer<typeof simpleFinTransactionSchema>;

// The Account Set: read tolerantly, since one odd part must not lose the rest.

/**
 * A list whose readable items are kept and the others dropped: a Bridge's one malformed
 * error entry must not turn the whole answer (and every account in it) into a failure.
 */
function readableItems<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((items: unknown[]): z.output<T>[] =>
      items.flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  );
}

const simpleFinErrorSchema = z.looseObject({
  code: z.string(),
  /** The v2 draft names it `msg` in its table and `message` in its example; servers send either. */
  msg: z.optional(z.string()),
  message: z.optional(z.string()),
  conn_id: z.optional(z.string()),
  account_id: z.optional(z.string()),
});
export type SimpleFinError = z.infer<typeof simpleFinErrorSchema>;

const simpleFinConnectionSchema = z.looseObject({
  conn_id: z.string(),
  name: z.optional(z.string()),
  org_id: z.optional(z.string()),
  org_name: z.optional(z.string()),
  org_url: z.optional(z.string()),
  sfin_url: z.optional(z.string()),
});
export type SimpleFinConnection = z.infer<typeof simpleFinConnectionSchema>;

/**
 * One answer of `GET /accounts`. `errors` is v1 (deprecated in v2), `errlist` and
 * `connections` are v2; an unreadable item of them is dropped, but each must be an
 * array when present. Accounts stay unknown here: each is read on its own, so one bad
 * account never rejects the set. Unknown top-level keys (`x-api-message`) pass.
 */
export const accountSetSchema = z.looseObject({
  errors: z.optional(readableItems(z.string())),
  errlist: z.optional(readableItems(simpleFinErrorSchema)),
  connections: z.optional(readableItems(simpleFinConnectionSchema)),
  accounts: z.array(z.unknown()),
});
export type SimpleFinAccountSet = z.output<typeof accountSetSchema>;

/** Just enough of an Account to route it and its transactions; the transactions stay unknown. */
export const accountShellSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  conn_id: z.optional(z.string()),
  conn_name: z.optional(z.string()),
  currency: z.string(),
  org: z.optional(
    z.looseObject({
      domain: z.optional(z.string()),
      name: z.optional(z.string()),
      'sfin-url': z.optional(z.string()),
      id: z.optional(z.string()),
      url: z.optional(z.string()),
    }),
  ),
  transactions: z.optional(z.array(z.unknown())),
});
export type SimpleFinAccountShell = z.output<typeof accountShellSchema>;
