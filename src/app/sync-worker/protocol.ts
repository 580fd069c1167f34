import type { PendingLink } from '../../core/dedupe';
import type { PlanBasis } from '../../core/plan-overlap';
import type { ProviderNotice } from '../../providers/provider';
import type { Rule } from '../../core/rules/rule';
import type { Resume } from '../prepare-batch';
import type { BatchColumns, PlannedObjects } from './batch-columns';

/**
 * The messages between a sync and its worker thread (DESIGN.md, the sync pipeline): the
 * worker fetches an account's pages from a simulated bank, normalizes, counts, plans and
 * categorizes them a batch ahead; the sync writes.
 */

/** What the worker is started with: the simulated banks' world and the person's rules. */
export interface WorkerSetup {
  home: string;
  seed: number;
  /** The FINAGG_SIM_* settings the simulated banks were made with. */
  env: Record<string, string>;
  rules: Rule[];
}

/** One account's whole-history fetch. */
export interface AccountFetch {
  providerId: string;
  /** The connection's access token (the worker's bank checks it as the sync's would). */
  token: string;
  accountId: number;
  providerAccountId: string;
  since: string;
  untilMs: number;
  connectionAccountIds?: readonly string[];
  cursor: string | null;
  carried: string | null;
  nowMs: number;
  source: { pendingLink: PendingLink; reissuesIds: boolean; idsUnstable?: boolean };
}

export type ToWorker =
  | { type: 'account'; fetch: AccountFetch }
  /**
   * The sync took batch `seq` and writes it next: the worker may plan the one after.
   * `exact`: every batch the sync wrote so far was the worker's plan as sent, and no other
   * process wrote since the account began (the worker's StoredKeys still hold).
   */
  | { type: 'took'; seq: number; exact: boolean };

/** A batch ready to write. */
export interface PlannedBatch {
  type: 'batch';
  seq: number;
  /** The records, their plan, categories and payee keys: as columns where they carry them exactly (batch-columns.ts). */
  planned: { columns: BatchColumns } | { objects: PlannedObjects };
  rejected: { raw: string; reason: string }[];
  removedIds: string[];
  fetched: number;
  /** Pending ids the batch's records add to the fetch's (for a plan made again by the sync). */
  pendingAdded: string[];
  resume: Resume;
  notices: ProviderNotice[];
  /** What the plan was made from, but the ids and hashes, which the sync reads off the records itself. */
  basis: Omit<PlanBasis, 'ids' | 'hashes'>;
  /**
   * Whether the plan holds after the batch before is written as the worker planned it
   * (core/plan-overlap.ts); null for an account's first batch here.
   */
  holdsAfterSent: boolean | null;
  /** The bank has no more pages. */
  last: boolean;
  /** The worker's stage times for the batch (ms). */
  stages: Record<string, number>;
}

export type FromWorker =
  | PlannedBatch
  /** Loaded (its code, its connection, the categorizer and the banks): it can take an account. */
  | { type: 'ready' }
  /** The fetch failed: the sync goes on itself from the last batch it took (its retries, its token refresh). */
  | { type: 'failed'; message: string };
