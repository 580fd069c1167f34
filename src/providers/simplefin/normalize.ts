import type { NormalizedAccount } from '../../core/account';
import type { NormalizedTransaction } from '../../core/bank-transaction';
import { NormalizeError } from '../errors';
import { rawIssue, rawStringField } from '../raw-issue';
import { inferAccountType } from './account-type';
import { minorUnits } from './amount';
import { displayText } from '../../core/display-text';
import {
  simpleFinAccountRecordSchema,
  simpleFinAccountSchema,
  simpleFinTransactionRecordSchema,
  simpleFinTransactionSchema,
} from './schema';

const PROVIDER = 'simplefin';

/** Longest texts shown, in code points. */
const MAX = { name: 100, description: 500, payee: 200, memo: 200, category: 60 } as const;

function fail(reason: string, raw: unknown): never {
  throw new NormalizeError(PROVIDER, reason, raw);
}

/** The value found, for a reason: JSON, at most 60 characters. */
function shown(value: string | number): string {
  // JSON would write NaN and Infinity as null.
  const text = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A reason about the Account or Transaction object itself reads `account: expected object`, not `record: ...`. */
function innerIssue(reason: string, name: string): string {
  return reason.startsWith('record: ') ? `${name}: ${reason.slice('record: '.length)}` : reason;
}

function amount(field: string, value: string | number, currency: string, raw: unknown): number {
  const result = minorUnits(value, currency);
  if (!result.ok) fail(`${field}: ${result.problem} (got ${shown(value)})`, raw);
  return result.minor;
}

/** `YYYY-MM-DD` of a UNIX time, in UTC (the epoch names an instant, not a bank's calendar). */
function utcDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** An optional text for display, or null when absent or nothing printable is left. */
function optionalText(text: string | null | undefined, max: number): string | null {
  return text == null ? null : displayText(text, max) || null;
}

export function normalizeSimpleFinAccount(raw: unknown): NormalizedAccount {
  const record = simpleFinAccountRecordSchema.safeParse(raw);
  if (!record.success) fail(rawIssue(record.error, raw), raw);
  const { account: inner, currency, institution } = record.data;
  if (inner === undefined) fail('account: missing', raw);
  // Parsed on its own so that a reason names `balance`, not `account.balance`.
  const parsed = simpleFinAccountSchema.safeParse(inner);
  if (!parsed.success) fail(innerIssue(rawIssue(parsed.error, inner), 'account'), raw);
  const account = parsed.data;

  const balanceCents = amount('balance', account.balance, currency, raw);
  const available = account['available-balance'];
  const availableBalanceCents = available == null ? null : amount('available-balance', available, currency, raw);

  const ownName =
    displayText(account.name, MAX.name) || displayText(`Account ${Array.from(account.id).slice(-4).join('')}`, MAX.name);
  const bank = optionalText(institution, MAX.name);
  // "Chase Sapphire" stays as it is; "Sapphire" from Chase becomes "Chase Sapphire".
  const name =
    bank !== null && !ownName.toLowerCase().includes(bank.toLowerCase()) ? displayText(`${bank} ${ownName}`, MAX.name) : ownName;

  return {
    providerAccountId: account.id,
    name,
    type: inferAccountType({ name: ownName, balanceCents, extra: account.extra }),
    currency,
    // SimpleFIN balances are signed already: what is owed on a card or loan is negative.
    balanceCents,
    availableBalanceCents,
    balanceDate: new Date(account['balance-date'] * 1000).toISOString(),
  };
}

export function normalizeSimpleFinTransaction(raw: unknown): NormalizedTransaction {
  const record = simpleFinTransactionRecordSchema.safeParse(raw);
  if (!record.success) fail(rawIssue(record.error, raw), raw);
  const { transaction: inner, currency, receivedAt } = record.data;
  if (inner === undefined) fail('transaction: missing', raw);
  const parsed = simpleFinTransactionSchema.safeParse(inner);
  if (!parsed.success) fail(innerIssue(rawIssue(parsed.error, inner), 'transaction'), raw);
  const txn = parsed.data;

  const amountCents = amount('amount', txn.amount, currency, raw);
  // A server that does not know when a pending record will post sends `posted: 0`.
  const pending = txn.pending === true || txn.posted === 0;
  const transactedAt = txn.transacted_at ?? null;
  let seconds: number;
  if (!pending) seconds = txn.posted;
  else if (transactedAt !== null && transactedAt > 0) seconds = transactedAt;
  else if (txn.posted > 0) seconds = txn.posted;
  // Pending with no time at all: it is happening now, so it is dated the day it arrived.
  else if (receivedAt !== undefined) seconds = receivedAt;
  else if (transactedAt === null) fail('transacted_at: missing (a pending record with posted 0 needs it)', raw);
  else fail(`transacted_at: not a date, and posted is 0 too (got ${transactedAt})`, raw);

  const merchant = optionalText(txn.payee, MAX.payee);
  const memo = optionalText(txn.memo, MAX.memo);
  // The protocol requires a description; some Bridges leave it empty and put the text in payee or memo.
  const description = optionalText(txn.description, MAX.description) ?? merchant ?? memo;
  if (description === null) {
    if (txn.description == null) fail('description: missing (and no payee or memo to use instead)', raw);
    fail(`description: nothing printable, and no payee or memo to use instead (got ${shown(txn.description)})`, raw);
  }
  const category = rawStringField(txn.extra, 'category');

  return {
    providerTxnId: txn.id,
    // SimpleFIN never links a posted record to the pending one it replaces.
    pendingTxnId: null,
    date: utcDay(seconds),
    amountCents,
    currency,
    description,
    merchant,
    memo,
    pending,
    providerCategory: optionalText(category, MAX.category),
  };
}

/** The id of a raw transaction record that may not fit the schema (for quarantine). */
export function simpleFinRawTransactionId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  return rawStringField(Reflect.get(raw, 'transaction'), 'id');
}
