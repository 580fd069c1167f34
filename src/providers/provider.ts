import type { NormalizedAccount } from '../core/account';
import type { NormalizedTransaction } from '../core/bank-transaction';
import type { PendingLink } from '../core/dedupe';
import type { LinkMethod } from './link-method';

export type { LinkMethod } from './link-method';

/**
 * One page of a bank's transaction feed, still raw. The adapter of each bank hides its
 * own paging (page numbers, Plaid-style cursors, offset/limit, date windows) behind an
 * opaque cursor.
 */
export interface RawTransactionPage {
  /** New records, raw as the bank sent them. */
  added: unknown[];
  /** Records the bank changed since it last sent them (same id), raw. */
  modified: unknown[];
  /** Provider ids of records the bank withdrew (a cancelled pending charge). */
  removed: string[];
  /** Give this back to get the next page, or to resume the next sync. */
  nextCursor: string;
  hasMore: boolean;
  /**
   * What the bank said about this page that a person should see (an account it could
   * not read fully, a connection that needs attention at the provider). Not errors of
   * the sync: the page's records are stored.
   */
  notices?: ProviderNotice[];
  /**
   * The bank said the page may lack records (SimpleFIN's `act.missingdata`): the
   * records are stored, but the next sync covers the window again.
   */
  incomplete?: boolean;
  /**
   * The first day whose records this page holds in full (a date window's first whole
   * day), for providers that list every pending record of a window (see listsAllPending).
   */
  coversFrom?: string;
}

/** A message from the provider, already sanitized for a terminal. */
export interface ProviderNotice {
  /** The provider's code (`con.auth`, `act.failed`, `gen.api`), or `message` for plain strings. */
  code: string;
  message: string;
  /** Needs the person to act at the provider (a bank login at the Bridge expired). */
  attention: boolean;
}

export interface FetchTransactionsRequest {
  /** The bank account id (NormalizedAccount.providerAccountId). */
  accountId: string;
  /** The cursor of the previous page or sync; null starts over. */
  cursor: string | null;
  /** First day wanted, `YYYY-MM-DD`; banks that page by date start here. ALL_HISTORY asks for everything. */
  since: string;
  /**
   * Every account of the connection this sync covers, by bank id. A provider that answers
   * for all accounts at once (SimpleFIN) asks for these together, once per window.
   */
  connectionAccountIds?: readonly string[];
  /** When this sync of the connection began (ms): the end of its last window. */
  untilMs?: number;
}

/** A `since` before any bank's history: a first or full sync wants everything the bank holds. */
export const ALL_HISTORY = '1970-01-01';

/**
 * Counts a provider's requests against its daily budget (ProviderLimits). Throws
 * ProviderError('budget_exhausted') when none are left, before the request is made.
 */
export interface RequestMeter {
  spend(): void;
}

/** What a provider asks of the apps that use it. */
export interface ProviderLimits {
  /** Requests a day per connection (SimpleFIN Bridge asks for 24). */
  requestsPerDay?: number;
  /** The longest date window one request may cover. */
  maxWindowDays?: number;
  /**
   * Syncs a day per account without the person present (PSD2 lets a bank refuse a fifth):
   * one sync of an account reads its transactions (every page) and its balances.
   */
  syncsPerAccountPerDay?: number;
}

/** What finagg needs of a bank. One per folder: providers/banka, bankb, bankc, simplefin. */
export interface BankProvider {
  readonly id: string;
  readonly name: string;
  readonly kind: 'bank';
  /** How a person grants finagg access (see link-method.ts). */
  readonly link: LinkMethod;
  readonly limits?: ProviderLimits;
  /**
   * `connection`: one request answers for every account of a connection (SimpleFIN), so
   * a request that failed for one account would fail for the others: they are not tried.
   */
  readonly answersFor?: 'account' | 'connection';
  /**
   * Every answer lists all pending records of its window, and there is no feed of
   * withdrawn ones (SimpleFIN). A stored pending row that a whole fetch no longer lists
   * was posted under another id or withdrawn: it is removed, so it is never counted
   * beside its posted row.
   */
  readonly listsAllPending?: boolean;
  /** How the bank says that a posted record replaces a pending one (dedupe pass 2 or 4). */
  readonly pendingLink: PendingLink;
  /** Whether the bank may send a record again under a new id (dedupe pass 3 is then needed). */
  readonly reissuesIds: boolean;
  /**
   * The bank's ids are hints, not identities (Enable Banking's entry_reference): an id names
   * a stored row only while the record is that row's posting (same date, amount and text, or
   * the pending row it settles), and a stored row never takes a new id.
   */
  readonly idsUnstable?: boolean;

  /** `accessToken` is the opened secret of the connection: an OAuth access token, or SimpleFIN's access URL. */
  fetchAccounts(accessToken: string, meter?: RequestMeter): Promise<unknown[]>;
  /** Throws NormalizeError for a record that does not fit the bank's raw schema. */
  normalizeAccount(raw: unknown): NormalizedAccount;
  fetchTransactions(accessToken: string, request: FetchTransactionsRequest, meter?: RequestMeter): Promise<RawTransactionPage>;
  /** Throws NormalizeError for a record that does not fit the bank's raw schema. */
  normalizeTransaction(raw: unknown): NormalizedTransaction;
  /** The provider id of a raw record, if it can be read at all (for modified/quarantine). */
  rawTransactionId(raw: unknown): string | undefined;
}

export type ProviderRegistry = ReadonlyMap<string, BankProvider>;
