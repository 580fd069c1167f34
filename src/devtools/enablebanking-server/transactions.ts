// GET /accounts/{uid}/transactions and /balances: the query, the listing and its pages, and
// the wire shapes. A listing is fixed when its first page is asked for, so a client paging
// through it sees every row exactly once even while the state controls change the books.
import { dayFromIso } from '../../providers/sim/calendar';
import { formatAmount } from '../simplefin-server/amounts';
import { availableCents, bookedCents, isoDay, listedRows, type BankAccount, type Party, type Row, type RowStatus } from './bank';
import { ApiError, wrongParameters } from './errors';

/** How far back a date_from may reach (PSD2's two years). */
export const maxPeriodDays = 730;
/** What a listing without date_from covers under strategy=default. */
export const defaultPeriodDays = 90;

export interface TransactionsQuery {
  /** date_from as given, '' when absent: continuation requests must repeat it. */
  readonly dateFromText: string;
  readonly fromDay: number | undefined;
  readonly toDay: number | undefined;
  readonly status: RowStatus | undefined;
  readonly strategy: 'default' | 'longest';
  readonly continuationKey: string | undefined;
}

export function parseTransactionsQuery(params: URLSearchParams, today: number): TransactionsQuery {
  const dateFromText = params.get('date_from') ?? '';
  const dateToText = params.get('date_to') ?? '';
  const fromDay = dateFromText === '' ? undefined : dayFromIso(dateFromText);
  const toDay = dateToText === '' ? undefined : dayFromIso(dateToText);
  if (dateFromText !== '' && fromDay === undefined) throw wrongParameters('date_from must be a date YYYY-MM-DD');
  if (dateToText !== '' && toDay === undefined) throw wrongParameters('date_to must be a date YYYY-MM-DD');
  if (fromDay !== undefined && fromDay > today) throw new ApiError(422, 'DATE_FROM_IN_FUTURE', 'date_from is in the future');
  if (fromDay !== undefined && fromDay < today - maxPeriodDays) {
    throw new ApiError(422, 'WRONG_TRANSACTIONS_PERIOD', `date_from may reach at most ${maxPeriodDays} days back`);
  }
  if (fromDay !== undefined && toDay !== undefined && toDay < fromDay) {
    throw new ApiError(422, 'WRONG_TRANSACTIONS_PERIOD', 'date_to is before date_from');
  }
  const statusText = params.get('transaction_status');
  if (statusText !== null && statusText !== 'BOOK' && statusText !== 'PDNG') {
    throw wrongParameters('transaction_status must be BOOK or PDNG');
  }
  const strategy = params.get('strategy') ?? 'default';
  if (strategy !== 'default' && strategy !== 'longest') throw wrongParameters('strategy must be default or longest');
  const continuationKey = params.get('continuation_key');
  return {
    dateFromText,
    fromDay,
    toDay,
    status: statusText ?? undefined,
    strategy,
    continuationKey: continuationKey === null || continuationKey === '' ? undefined : continuationKey,
  };
}

/**
 * The pages of a listing: booked rows oldest first, then the pending ones. Where both come, an
 * empty page with a continuation key stands between them, as when a bank answers from its
 * ledger and then from its card processor; a client must keep paging through it.
 */
export function listingPages(
  account: BankAccount,
  query: TransactionsQuery,
  today: number,
  pageSize: number,
  malformCount: number,
): unknown[][] {
  const from = query.strategy === 'longest' ? undefined : (query.fromDay ?? today - defaultPeriodDays + 1);
  const to = query.toDay;
  const inRange = (day: number | undefined): boolean =>
    day !== undefined && (from === undefined || day >= from) && (to === undefined || day <= to);
  const running = runningBalances(account);
  const records: { status: RowStatus; record: Record<string, unknown> }[] = [];
  for (const row of listedRows(account)) {
    if (query.status !== undefined && row.status !== query.status) continue;
    if (!inRange(row.status === 'BOOK' ? row.bookingDay : row.transactionDay)) continue;
    records.push({ status: row.status, record: transactionResource(row, running.get(row)) });
  }
  records.slice(0, malformCount).forEach((entry, index) => {
    entry.record = malformed(entry.record, index);
  });
  const booked = records.filter((entry) => entry.status === 'BOOK').map((entry) => entry.record);
  const pending = records.filter((entry) => entry.status !== 'BOOK').map((entry) => entry.record);
  const pages = [
    ...chunk(booked, pageSize),
    ...(booked.length > 0 && pending.length > 0 ? [[]] : []),
    ...chunk(pending, pageSize),
  ];
  return pages.length === 0 ? [[]] : pages;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Booked balance after each booked row, in listing order (only for accounts that report it). */
function runningBalances(account: BankAccount): Map<Row, number> {
  const out = new Map<Row, number>();
  if (!account.runningBalances) return out;
  let balance = account.openingCents;
  for (const row of listedRows(account)) {
    if (row.status !== 'BOOK') continue;
    balance += row.cents;
    out.set(row, balance);
  }
  return out;
}

export function money(cents: number): { currency: string; amount: string } {
  return { currency: 'EUR', amount: formatAmount(cents, 2) };
}

function party(value: Party | undefined): { name?: string } | null {
  return value === undefined ? null : { name: value.name };
}

function partyAccount(value: Party | undefined): { iban: string } | null {
  return value?.iban === undefined ? null : { iban: value.iban };
}

export function transactionResource(row: Row, balanceAfter: number | undefined): Record<string, unknown> {
  const reference = row.reference === null && row.missingReference === 'absent' ? {} : { entry_reference: row.reference };
  return {
    ...reference,
    transaction_id: null,
    transaction_amount: money(Math.abs(row.cents)),
    credit_debit_indicator: row.cents < 0 ? 'DBIT' : 'CRDT',
    status: row.status,
    ...(row.bookingDay === undefined ? {} : { booking_date: isoDay(row.bookingDay) }),
    ...(row.valueDay === undefined ? {} : { value_date: isoDay(row.valueDay) }),
    ...(row.transactionDay === undefined ? {} : { transaction_date: isoDay(row.transactionDay) }),
    creditor: party(row.creditor),
    creditor_account: partyAccount(row.creditor),
    debtor: party(row.debtor),
    debtor_account: partyAccount(row.debtor),
    remittance_information: [...row.remittance],
    ...(row.merchantCategoryCode === undefined ? {} : { merchant_category_code: row.merchantCategoryCode }),
    ...(row.bankTransactionCode === undefined ? {} : { bank_transaction_code: { description: row.bankTransactionCode } }),
    ...(balanceAfter === undefined ? {} : { balance_after_transaction: { ...money(balanceAfter) } }),
  };
}

/** A feed glitch: an amount with a decimal comma and a stray letter, or no credit/debit indicator. */
function malformed(record: Record<string, unknown>, index: number): Record<string, unknown> {
  if (index % 2 === 0) {
    const amount = (record.transaction_amount as { amount?: string } | undefined)?.amount ?? '0.00';
    return { ...record, transaction_amount: { currency: 'EUR', amount: `${amount.replace('.', ',').slice(0, -1)}x` } };
  }
  const { credit_debit_indicator: _dropped, ...rest } = record;
  return rest;
}

export function balancesResource(account: BankAccount, today: number, nowMs: number): { balances: unknown[] } {
  const lastBooked = listedRows(account)
    .filter((row) => row.status === 'BOOK')
    .at(-1);
  const changed = new Date(nowMs).toISOString();
  return {
    balances: [
      {
        name: 'Closing booked',
        balance_amount: money(bookedCents(account)),
        balance_type: 'CLBD',
        reference_date: isoDay(today),
        last_change_date_time: changed,
        last_committed_transaction: lastBooked?.reference ?? null,
      },
      {
        name: 'Interim available',
        balance_amount: money(availableCents(account)),
        balance_type: 'ITAV',
        reference_date: isoDay(today),
        last_change_date_time: changed,
        last_committed_transaction: lastBooked?.reference ?? null,
      },
    ],
  };
}
