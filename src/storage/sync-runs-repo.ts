import type { SyncCounts, SyncRun, SyncStatus, SyncTrigger } from '../core/sync-run';
import type { Db } from './kysely';
import type { SyncRunsTable } from './schema';

type SyncRunRow = Omit<SyncRunsTable, 'id' | 'connection_id'> & { id: number };

export function syncRunRowToSyncRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    accountId: row.account_id,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    fetched: row.fetched,
    inserted: row.inserted,
    updated: row.updated,
    removed: row.removed,
    deduplicated: row.deduplicated,
    rejected: row.rejected,
    error: row.error,
    note: row.note,
  };
}

const COLUMNS = [
  'id',
  'account_id',
  'trigger',
  'status',
  'started_at',
  'finished_at',
  'duration_ms',
  'fetched',
  'inserted',
  'updated',
  'removed',
  'deduplicated',
  'rejected',
  'error',
  'note',
] as const;

export async function startSyncRun(
  db: Db,
  run: { accountId: number; connectionId: number | null; trigger: SyncTrigger; startedAt: string },
): Promise<number> {
  const row = await db
    .insertInto('sync_runs')
    .values({
      account_id: run.accountId,
      connection_id: run.connectionId,
      trigger: run.trigger,
      status: 'running',
      started_at: run.startedAt,
      fetched: 0,
      inserted: 0,
      updated: 0,
      removed: 0,
      deduplicated: 0,
      rejected: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishSyncRun(
  db: Db,
  id: number,
  result: SyncCounts & { status: SyncStatus; finishedAt: string; durationMs: number; error: string | null; note?: string | null },
): Promise<SyncRun> {
  await db
    .updateTable('sync_runs')
    .set({
      status: result.status,
      finished_at: result.finishedAt,
      duration_ms: result.durationMs,
      fetched: result.fetched,
      inserted: result.inserted,
      updated: result.updated,
      removed: result.removed,
      deduplicated: result.deduplicated,
      rejected: result.rejected,
      error: result.error,
      note: result.note ?? null,
    })
    .where('id', '=', id)
    .execute();
  return syncRunRowToSyncRun(await db.selectFrom('sync_runs').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow());
}

export async function listSyncRuns(db: Db, options: { accountId?: number; limit: number }): Promise<SyncRun[]> {
  let query = db.selectFrom('sync_runs').select(COLUMNS).orderBy('id', 'desc').limit(options.limit);
  if (options.accountId !== undefined) query = query.where('account_id', '=', options.accountId);
  return (await query.execute()).map(syncRunRowToSyncRun);
}
