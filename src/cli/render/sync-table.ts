import type { ChalkInstance } from 'chalk';
import type { SyncRun } from '../../core/sync-run';
import { renderTable } from './table';

/** The summary of sync runs: one row per account, every count of the pipeline. */
export function renderSyncRuns(runs: readonly SyncRun[], names: ReadonlyMap<number, string>, color: ChalkInstance): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return renderTable(
    runs,
    [
      { header: 'ACCOUNT', value: (r) => (r.accountId === null ? '-' : (names.get(r.accountId) ?? String(r.accountId))) },
      {
        header: 'STATUS',
        value: (r) => r.status,
        style: (s, r, c) =>
          r.status === 'success'
            ? c.green(s)
            : r.status === 'partial'
              ? c.yellow(s)
              : r.status === 'skipped'
                ? c.dim(s)
                : c.red(s),
      },
      { header: 'FETCHED', value: (r) => n(r.fetched), align: 'right' },
      { header: 'NEW', value: (r) => n(r.inserted), align: 'right' },
      { header: 'UPDATED', value: (r) => n(r.updated), align: 'right' },
      { header: 'REMOVED', value: (r) => n(r.removed), align: 'right' },
      { header: 'DUPLICATES', value: (r) => n(r.deduplicated), align: 'right' },
      { header: 'REJECTED', value: (r) => n(r.rejected), align: 'right' },
      { header: 'TIME', value: (r) => (r.durationMs === null ? '' : `${(r.durationMs / 1000).toFixed(1)}s`), align: 'right' },
      // A failure, else what the bank said (how far history went, a notice).
      { header: 'PROBLEM / NOTE', value: (r) => r.error ?? r.note ?? '' },
    ],
    color,
  );
}
