// The body of GET /accounts: which rows a query sees (the window rules of a real Bridge) and
// the two wire shapes, v1 (`errors`, `org`) and v2 (`errlist`, `connections`, `conn_id`).
import type { AccountsQuery } from './accounts-query';
import { formatAmount } from './amounts';
import { availableMinor, balanceMinor } from './bank';
import { daySeconds, type Account, type Household, type Transaction } from './household';

export interface ErrorEntry {
  readonly code: string;
  readonly msg: string;
  readonly conn_id?: string;
  readonly account_id?: string;
}

export interface AnswerContext {
  readonly household: Household;
  readonly nowMs: number;
  readonly rootUrl: string;
  readonly defaultVersion: 1 | 2;
  readonly maxRangeDays: number;
  /** Errors every answer carries (state controls, the daily limit), before the window notices. */
  readonly errors: readonly ErrorEntry[];
}

/** The Bridge's words for a range over its limit (90 days there). */
export function rangeCappedNotice(maxRangeDays: number): ErrorEntry {
  return { code: 'gen.api', msg: `Requested date range exceeds limit of ${maxRangeDays} days and was capped.` };
}
export const startDateNeededNotice: ErrorEntry = {
  code: 'gen.api',
  msg: 'No start-date given: only the last 30 days were returned. Pass start-date for older transactions.',
};
const defaultWindowDays = 30;

interface WireTransaction {
  id: string;
  posted: number;
  amount: string;
  description: string;
  payee?: string;
  memo?: string;
  transacted_at?: number;
  pending?: true;
}

interface WireAccountBody {
  id: string;
  name: string;
  currency: string;
  balance: string;
  'available-balance'?: string;
  'balance-date': number;
  transactions?: WireTransaction[];
  extra: Record<string, string | number>;
}

export interface V1AccountSet {
  errors: string[];
  accounts: Array<{ org: { domain: string; name: string; 'sfin-url': string } } & WireAccountBody>;
}

export interface V2AccountSet {
  errlist: ErrorEntry[];
  /** Deprecated in v2, but real bridges still send it when there are errors. */
  errors?: string[];
  connections: Array<{ conn_id: string; name: string; org_id: string; org_url: string; sfin_url: string }>;
  accounts: Array<{ conn_id: string } & WireAccountBody>;
}

export function buildAccountSet(query: AccountsQuery, context: AnswerContext): V1AccountSet | V2AccountSet {
  const nowSec = Math.floor(context.nowMs / 1000);
  const notices: ErrorEntry[] = [...context.errors];
  const window = query.balancesOnly ? undefined : transactionWindow(query, nowSec, context.maxRangeDays, notices);
  const accounts = context.household.accounts.filter(
    (account) => query.accountIds.length === 0 || query.accountIds.includes(account.id),
  );
  const entries = accounts.map((account) => ({ account, body: accountBody(account, nowSec, window, query.pending) }));
  const version = query.version ?? context.defaultVersion;

  if (version === 1) {
    return {
      errors: notices.map((notice) => notice.msg),
      accounts: entries.map(({ account, body }) => {
        const connection = context.household.connections.find((candidate) => candidate.connId === account.connId);
        const org = { domain: connection?.orgDomain ?? '', name: connection?.name ?? '', 'sfin-url': context.rootUrl };
        return { org, ...body };
      }),
    };
  }
  const connIds = new Set(accounts.map((account) => account.connId));
  return {
    errlist: notices,
    ...(notices.length === 0 ? {} : { errors: notices.map((notice) => notice.msg) }),
    connections: context.household.connections
      .filter((connection) => connIds.has(connection.connId))
      .map((connection) => ({
        conn_id: connection.connId,
        name: connection.name,
        org_id: connection.orgId,
        org_url: `https://${connection.orgDomain}`,
        sfin_url: context.rootUrl,
      })),
    accounts: entries.map(({ account, body }) => ({ ...body, conn_id: account.connId })),
  };
}

interface Window {
  readonly start: number;
  /** undefined: no upper bound. */
  readonly end: number | undefined;
}

// Without a start-date only the last 30 days come back; a range longer than the limit keeps
// its most recent part. Both add a notice and still answer 200, as the Bridge does.
function transactionWindow(query: AccountsQuery, nowSec: number, maxRangeDays: number, notices: ErrorEntry[]): Window {
  const rangeEnd = query.endDate ?? nowSec;
  let start = query.startDate;
  if (start === undefined) {
    start = rangeEnd - defaultWindowDays * daySeconds;
    notices.push(startDateNeededNotice);
  } else if (rangeEnd - start > maxRangeDays * daySeconds) {
    start = rangeEnd - maxRangeDays * daySeconds;
    notices.push(rangeCappedNotice(maxRangeDays));
  }
  return { start, end: query.endDate };
}

function accountBody(account: Account, nowSec: number, window: Window | undefined, pending: boolean): WireAccountBody {
  const rows = window
    ? account.transactions.filter((row) =>
        row.pending ? pending && inWindow(row.transactedAt ?? 0, window) : inWindow(row.posted, window),
      )
    : undefined;
  return {
    id: account.id,
    name: account.name,
    currency: account.currency,
    balance: formatAmount(balanceMinor(account), account.decimals),
    ...(account.reportsAvailable ? { 'available-balance': formatAmount(availableMinor(account), account.decimals) } : {}),
    'balance-date': nowSec,
    ...(rows ? { transactions: rows.map(wireTransaction) } : {}),
    // Not in the protocol (extra is free-form): lets a client check balance = opening + rows.
    extra: {
      'opening-balance': formatAmount(account.openingMinor, account.decimals),
      'opening-balance-date': account.openingDate,
    },
  };
}

function inWindow(at: number, window: Window): boolean {
  return at >= window.start && (window.end === undefined || at < window.end);
}

function wireTransaction(row: Transaction): WireTransaction {
  return {
    id: row.id,
    posted: row.posted,
    amount: row.amount,
    description: row.description,
    ...(row.payee === undefined ? {} : { payee: row.payee }),
    ...(row.memo === undefined ? {} : { memo: row.memo }),
    ...(row.transactedAt === undefined ? {} : { transacted_at: row.transactedAt }),
    ...(row.pending ? { pending: true as const } : {}),
  };
}
