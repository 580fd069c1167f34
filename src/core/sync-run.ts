export type SyncTrigger = 'manual' | 'daemon' | 'import';
export type SyncStatus = 'running' | 'success' | 'partial' | 'failed' | 'skipped';

/** The counts of one account's sync; every dedupe decision is one of them. */
export interface SyncCounts {
  fetched: number;
  inserted: number;
  updated: number;
  removed: number;
  deduplicated: number;
  rejected: number;
}

export interface SyncRun extends SyncCounts {
  id: number;
  accountId: number | null;
  trigger: SyncTrigger;
  status: SyncStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
  /** What the provider said that is not a failure: how far history went, a notice from the bank. */
  note: string | null;
}

export const zeroCounts = (): SyncCounts => ({ fetched: 0, inserted: 0, updated: 0, removed: 0, deduplicated: 0, rejected: 0 });
