import type { NormalizedAccount } from '../core/account';
import type { NormalizedTransaction } from '../core/bank-transaction';
import type { PendingLink } from '../core/dedupe';
import type { AuthorizationServer } from './sim/oauth-types';

/**
 * One page of a bank's transaction feed, still raw. The adapter of each bank hides its
 * own paging (page numbers, Plaid-style cursors, offset/limit) behind an opaque cursor.
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
}

export interface FetchTransactionsRequest {
  /** The bank account id (NormalizedAccount.providerAccountId). */
  accountId: string;
  /** The cursor of the previous page or sync; null starts over. */
  cursor: string | null;
  /** First day wanted, `YYYY-MM-DD`; banks that page by date start here. */
  since: string;
}

/** What finagg needs of a bank. One per folder: providers/banka, bankb, bankc. */
export interface BankProvider {
  readonly id: string;
  readonly name: string;
  readonly kind: 'bank';
  /** Scopes asked for at link time, shown in the consent prompt. */
  readonly scopes: readonly string[];
  readonly authorization: AuthorizationServer;
  /** How the bank says that a posted record replaces a pending one (dedupe pass 2 or 4). */
  readonly pendingLink: PendingLink;
  /** Whether the bank may send a record again under a new id (dedupe pass 3 is then needed). */
  readonly reissuesIds: boolean;

  fetchAccounts(accessToken: string): Promise<unknown[]>;
  /** Throws NormalizeError for a record that does not fit the bank's raw schema. */
  normalizeAccount(raw: unknown): NormalizedAccount;
  fetchTransactions(accessToken: string, request: FetchTransactionsRequest): Promise<RawTransactionPage>;
  /** Throws NormalizeError for a record that does not fit the bank's raw schema. */
  normalizeTransaction(raw: unknown): NormalizedTransaction;
  /** The provider id of a raw record, if it can be read at all (for modified/quarantine). */
  rawTransactionId(raw: unknown): string | undefined;
}

export type ProviderRegistry = ReadonlyMap<string, BankProvider>;
