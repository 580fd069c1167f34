import crypto from 'node:crypto';
import type { AccountType, NormalizedAccount } from '../../core/account';
import type { NormalizedTransaction } from '../../core/bank-transaction';
import { isValidDate } from '../../core/dates';
import { parseMoney, whyNotMoney } from '../../core/money';
import { NormalizeError } from '../errors';
import { rawIssue } from '../raw-issue';
import { displayText } from '../../core/display-text';
import { categoryOfMcc } from './mcc';
import {
  accountRecordSchema,
  accountResourceSchema,
  balanceSchema,
  type EnableBankingAccountResource,
  type EnableBankingBalance,
  type EnableBankingTransaction,
  ID_TEXT,
  transactionRecordSchema,
  transactionSchema,
} from './schema';

/**
 * Enable Banking's records as finagg's. The API speaks the Berlin Group's terms: an
 * unsigned amount with a credit/debit indicator, a status, three dates of which a bank
 * fills some, statement text as a list of lines. Texts come from banks and reach a
 * terminal, so every one is sanitized (displayText).
 */

const PROVIDER = 'enablebanking';

/** Longest texts kept, in code points. */
const MAX = { name: 100, description: 500, merchant: 200, memo: 200 } as const;

/** What the description falls back to when a bank says nothing about a record. */
export const FALLBACK_DESCRIPTION = 'Enable Banking transaction';

/** Statuses stored, and whether they are pending. */
const STORED: ReadonlyMap<string, boolean> = new Map([
  ['BOOK', false],
  ['PDNG', true],
  ['HOLD', true],
]);
/** Statuses the provider leaves out of its pages: nothing happened to the balance (yet), or it is not a record. */
export const LEFT_OUT_STATUSES: ReadonlySet<string> = new Set(['CNCL', 'RJCT', 'SCHD', 'OTHR', 'INFO']);

function fail(reason: string, raw: unknown): never {
  throw new NormalizeError(PROVIDER, reason, raw);
}

/** The value found, for a reason: JSON, at most 60 characters. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A reason about the inner object reads `transaction: expected object`, not `record: ...`. */
function innerIssue(reason: string, name: string): string {
  return reason.startsWith('record: ') ? `${name}: ${reason.slice('record: '.length)}` : reason;
}

/** An optional text for display, or null when absent or nothing printable is left. */
function optionalText(text: string | null | undefined, max: number): string | null {
  return text == null ? null : displayText(text, max) || null;
}

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };
const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Exact minor units of a decimal string, never through float arithmetic: `unsigned` for a
 * transaction amount (the indicator carries the sign), signed for a balance.
 */
function minorUnits(field: string, text: string, currency: string, unsigned: boolean): Result<number> {
  const value = text.trim();
  const form = unsigned ? /^\d+(?:\.\d+)?$/ : /^[+-]?\d+(?:\.\d+)?$/;
  if (!form.test(value)) {
    const what = unsigned ? 'not a positive decimal like "12.30"' : 'not a decimal like "-12.30"';
    return refuse(`${field}: ${what} (got ${shown(text)})`);
  }
  const minor = parseMoney(value, { currency });
  if (minor === undefined) return refuse(`${field}: ${shown(text)} ${whyNotMoney(value, { currency })}`);
  // Never -0: "-0.00" is zero.
  return { ok: true, value: minor || 0 };
}

// Transactions

/** What finagg makes of one bank record, before its id is settled. */
interface Reading {
  status: string;
  pending: boolean;
  date: string;
  /** Unsigned, in minor units. */
  magnitude: number;
  amountCents: number;
  currency: string;
  indicator: 'CRDT' | 'DBIT';
  description: string;
  merchant: string | null;
  memo: string | null;
  providerCategory: string | null;
  /** The bank's entry_reference, when it gives a usable one. */
  reference: string | null;
}

function read(txn: EnableBankingTransaction): Result<Reading> {
  const status = txn.status;
  // A Map, not an object: a status such as "toString" must not find anything.
  const pending = STORED.get(status);
  if (pending === undefined) {
    const why = LEFT_OUT_STATUSES.has(status) ? 'a record finagg does not store' : 'not a status Enable Banking sends';
    return refuse(`status: ${why} (got ${shown(status)})`);
  }

  const currency = txn.transaction_amount.currency.toUpperCase();
  const amount = minorUnits('transaction_amount.amount', txn.transaction_amount.amount, currency, true);
  if (!amount.ok) return amount;
  const magnitude = amount.value;
  const indicator = txn.credit_debit_indicator;
  // CRDT is money into the account, DBIT money out of it.
  const amountCents = indicator === 'DBIT' ? -magnitude || 0 : magnitude;

  // Booked: the day the bank booked it. Pending: the day it happened (it has no booking day yet).
  const order = pending
    ? (['transaction_date', 'value_date', 'booking_date'] as const)
    : (['booking_date', 'value_date', 'transaction_date'] as const);
  const field = order.find((f) => txn[f] != null);
  if (field === undefined) return refuse(`${order[0]}: missing (and no ${order[1]} or ${order[2]})`);
  const date = txn[field]!;
  if (!isValidDate(date)) return refuse(`${field}: not a date like 2025-03-01 (got ${shown(date)})`);

  // The counterparty is whom the money went to, or came from.
  const party = indicator === 'DBIT' ? txn.creditor : txn.debtor;
  const merchant = optionalText(party?.name, MAX.merchant);
  const lines = (txn.remittance_information ?? []).filter((line): line is string => line !== null);
  const description =
    optionalText(lines.join(' '), MAX.description) ??
    merchant ??
    optionalText(txn.bank_transaction_code?.description, MAX.description) ??
    FALLBACK_DESCRIPTION;
  const memoParts = [txn.reference_number, txn.note].map((t) => optionalText(t, MAX.memo)).filter((t) => t !== null);
  const memo = memoParts.length === 0 ? null : displayText(memoParts.join(' · '), MAX.memo);

  let reference: string | null = null;
  const ref = txn.entry_reference;
  if (ref != null && ref.trim() !== '') {
    const checked = ID_TEXT.safeParse(ref);
    if (!checked.success)
      return refuse(`entry_reference: ${checked.error.issues[0]?.message ?? 'not an id'} (got ${shown(ref)})`);
    reference = ref;
  }

  return {
    ok: true,
    value: {
      status,
      pending,
      date,
      magnitude,
      amountCents,
      currency,
      indicator,
      description,
      merchant,
      memo,
      providerCategory: categoryOfMcc(txn.merchant_category_code),
      reference,
    },
  };
}

/**
 * What tells reference-less records apart: 16 hex of SHA-256 of what the bank said of it.
 * Two identical purchases of a day share it; their occurrence numbers differ.
 */
function contentKey(r: Reading): string {
  const text = [r.status, r.date, r.magnitude, r.indicator, r.description].join('|');
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function idOf(r: Reading, occurrence: number): string {
  return r.reference !== null ? `ref:${r.reference}` : `seq:${contentKey(r)}:${occurrence}`;
}

/** The bank's record inside a wrapper, read; fails with the reason naming the field. */
function unwrap(raw: unknown): { reading: Reading; occurrence: number } {
  const record = transactionRecordSchema.safeParse(raw);
  if (!record.success) fail(rawIssue(record.error, raw), raw);
  const { transaction: inner, occurrence } = record.data;
  if (inner === undefined) fail('transaction: missing', raw);
  // Parsed on its own so that a reason names `status`, not `transaction.status`.
  const parsed = transactionSchema.safeParse(inner);
  if (!parsed.success) fail(innerIssue(rawIssue(parsed.error, inner), 'transaction'), raw);
  const reading = read(parsed.data);
  if (!reading.ok) fail(reading.reason, raw);
  return { reading: reading.value, occurrence };
}

/** One wrapped record (`{ transaction, occurrence }`, see schema.ts) as finagg's. */
export function normalizeEnableBankingTransaction(raw: unknown): NormalizedTransaction {
  const { reading: r, occurrence } = unwrap(raw);
  return {
    providerTxnId: idOf(r, occurrence),
    // The API never links a booked record to the pending one it replaces.
    pendingTxnId: null,
    date: r.date,
    amountCents: r.amountCents,
    currency: r.currency,
    description: r.description,
    merchant: r.merchant,
    memo: r.memo,
    pending: r.pending,
    providerCategory: r.providerCategory,
  };
}

/** The id normalizing would give; for a record it refuses, `ref:` of its entry_reference when it has one. */
export function enableBankingRawTransactionId(raw: unknown): string | undefined {
  try {
    return normalizeEnableBankingTransaction(raw).providerTxnId;
  } catch (error) {
    if (!(error instanceof NormalizeError)) throw error;
  }
  const inner = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'transaction') : undefined;
  const ref = typeof inner === 'object' && inner !== null ? Reflect.get(inner, 'entry_reference') : undefined;
  return typeof ref === 'string' && ref.trim() !== '' && ID_TEXT.safeParse(ref).success ? `ref:${ref}` : undefined;
}

/** The bank's status of a record, as sent (for the provider to leave some out). */
export function rawStatus(transaction: unknown): unknown {
  return typeof transaction === 'object' && transaction !== null ? Reflect.get(transaction, 'status') : undefined;
}

/**
 * What the provider needs to number a bank record before wrapping it: its date and, for
 * a record without a reference, the key that identical records share. Undefined when
 * the record does not normalize (its occurrence does not matter then).
 */
export function occurrenceFacts(transaction: unknown): { date: string; key: string | null } | undefined {
  const parsed = transactionSchema.safeParse(transaction);
  if (!parsed.success) return undefined;
  const reading = read(parsed.data);
  if (!reading.ok) return undefined;
  return { date: reading.value.date, key: reading.value.reference !== null ? null : contentKey(reading.value) };
}

// Accounts

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/;
/** Controls and half surrogate pairs have no place in a key that is stored and compared. */
const UNFIT_KEY_TEXT = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_KEY = 200;

/**
 * The key an account keeps across consent sessions (its `uid` lives only as long as one):
 * its IBAN, else the bank's other identification and scheme, else the hash Enable Banking
 * derives from them.
 */
function keyOf(account: EnableBankingAccountResource): Result<string> {
  const ids = account.account_id;
  const iban = ids?.iban?.replace(/\s+/g, '').toUpperCase();
  let key: string | undefined;
  let field = '';
  if (iban) {
    if (!IBAN.test(iban)) return refuse(`account_id.iban: not an IBAN (got ${shown(ids?.iban)})`);
    key = `iban:${iban}`;
    field = 'account_id.iban';
  } else if (ids?.other && ids.other.identification.trim() !== '' && ids.other.scheme_name.trim() !== '') {
    key = `other:${ids.other.scheme_name.trim()}:${ids.other.identification.trim()}`;
    field = 'account_id.other';
  } else if (account.identification_hash != null && account.identification_hash.trim() !== '') {
    key = `hash:${account.identification_hash.trim()}`;
    field = 'identification_hash';
  }
  if (key === undefined)
    return refuse('account_id: missing (no iban, other identification or identification_hash to know it by)');
  if (UNFIT_KEY_TEXT.test(key) || Array.from(key).length > MAX_KEY)
    return refuse(`${field}: not an identification finagg can keep (got ${shown(key)})`);
  return { ok: true, value: key };
}

/** The stable key of an AccountResource, or undefined when it has none (its normalizing says why). */
export function enableBankingAccountKey(resource: unknown): string | undefined {
  const parsed = accountResourceSchema.safeParse(resource);
  if (!parsed.success) return undefined;
  const key = keyOf(parsed.data);
  return key.ok ? key.value : undefined;
}

const TYPES: ReadonlyMap<string, AccountType> = new Map([
  ['CACC', 'checking'],
  ['CASH', 'checking'],
  ['OTHR', 'checking'],
  ['SVGS', 'savings'],
  ['CARD', 'credit'],
  ['LOAN', 'loan'],
]);

const TYPE_NAMES: Readonly<Record<AccountType, string>> = {
  checking: 'Current account',
  savings: 'Savings account',
  credit: 'Card',
  loan: 'Loan',
  investment: 'Investments',
};

/** Balance types, best first: booked (the ledger), and available (what can be spent). */
const BOOKED = ['CLBD', 'ITBD', 'OPBD', 'XPCD', 'VALU', 'PRCD', 'OTHR', 'INFO'] as const;
const AVAILABLE = ['CLAV', 'ITAV', 'OPAV', 'FWAV'] as const;

function choose(balances: readonly EnableBankingBalance[], types: readonly string[]): EnableBankingBalance | undefined {
  for (const type of types) {
    const found = balances.find((b) => b.balance_type === type);
    if (found) return found;
  }
  return undefined;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** When a balance was true, as ISO UTC; null when the bank does not say in a form that names an instant. */
function balanceDateOf(balance: EnableBankingBalance): string | null {
  const day = balance.reference_date;
  if (day != null && isValidDate(day)) return `${day}T00:00:00.000Z`;
  const at = balance.last_change_date_time;
  if (at != null && ISO_WITH_OFFSET.test(at)) {
    const ms = Date.parse(at);
    if (Number.isFinite(ms) && isValidDate(at.slice(0, 10))) {
      const iso = new Date(ms).toISOString();
      // Years past 9999 print as +010000-...: not a timestamp finagg stores.
      if (/^\d{4}-/.test(iso)) return iso;
    }
  }
  return null;
}

function nameOf(account: EnableBankingAccountResource, type: AccountType): string {
  const own = optionalText(account.details, MAX.name) ?? optionalText(account.product, MAX.name);
  if (own !== null) return own;
  const number =
    account.account_id?.iban?.replace(/\s+/g, '') || account.account_id?.other?.identification.replace(/[^A-Za-z0-9]/g, '') || '';
  const last4 = number.replace(/[^A-Za-z0-9]/g, '').slice(-4);
  return displayText(last4 === '' ? TYPE_NAMES[type] : `${TYPE_NAMES[type]} ··${last4}`, MAX.name);
}

/** One wrapped account (`{ account, balances }`, see schema.ts) as finagg's. */
export function normalizeEnableBankingAccount(raw: unknown): NormalizedAccount {
  const record = accountRecordSchema.safeParse(raw);
  if (!record.success) fail(rawIssue(record.error, raw), raw);
  const { account: inner, balances: rawBalances } = record.data;
  if (inner === undefined) fail('account: missing', raw);
  const parsed = accountResourceSchema.safeParse(inner);
  if (!parsed.success) fail(innerIssue(rawIssue(parsed.error, inner), 'account'), raw);
  const account = parsed.data;

  const key = keyOf(account);
  if (!key.ok) fail(key.reason, raw);
  const currency = account.currency.toUpperCase();
  // An unknown or missing type is most likely an everyday account (OTHR says as much).
  const type = TYPES.get(account.cash_account_type ?? 'OTHR') ?? 'checking';

  // A balance that cannot be read, or is of another currency, says nothing of this account's.
  const balances = rawBalances.flatMap((b) => {
    const one = balanceSchema.safeParse(b);
    return one.success && one.data.balance_amount.currency.toUpperCase() === currency ? [one.data] : [];
  });
  const available = choose(balances, AVAILABLE);
  // Without a booked balance, what can be spent is the best the bank says of the account.
  const booked = choose(balances, BOOKED) ?? available;
  if (booked === undefined) {
    fail(
      `balances: none in ${currency} of a known type (got ${rawBalances.length} balance${rawBalances.length === 1 ? '' : 's'})`,
      raw,
    );
  }
  const amountOf = (b: EnableBankingBalance): number => {
    const minor = minorUnits(`balances[${b.balance_type}].balance_amount.amount`, b.balance_amount.amount, currency, false);
    if (!minor.ok) fail(minor.reason, raw);
    return minor.value;
  };

  return {
    providerAccountId: key.value,
    name: nameOf(account, type),
    type,
    currency,
    // Signed already: what is owed on a card or loan is negative.
    balanceCents: amountOf(booked),
    availableBalanceCents: available === undefined ? null : amountOf(available),
    balanceDate: balanceDateOf(booked),
  };
}
