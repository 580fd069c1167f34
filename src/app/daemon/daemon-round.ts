import type { SyncRun } from '../../core/sync-run';
import { type AfterSync, afterSync } from '../after-sync';
import { lastTransactionId } from '../anomalies';
import { backupOfTheDay } from '../backups/daily';
import type { AppContext } from '../context';
import { syncAccounts } from '../sync';
import type { ConnectionBackoff } from './connection-backoff';
import { alertNeedsRelink } from './relink-alert';
import { dailyRates } from '../rates/daily-rates';
import { daemonSpacingMs, spreadSpacingMs } from '../../core/request-budget';
import { connectionBudget } from '../request-budget';
import { takeStageTimes, timed, timedAsync } from '../stage-times';

/**
 * Whether the daemon may sync a connection whose provider has a daily request budget
 * (SimpleFIN Bridge: 24): its rounds are spaced so they use at most half the day's
 * requests (see daemonSpacingMs), and none is made once the day's are used. Providers
 * without a budget are always due.
 */
async function withinBudget(ctx: AppContext, connectionId: number, providerId: string): Promise<boolean> {
  const provider = ctx.providers.get(providerId);
  const budget = connectionBudget(ctx, connectionId, provider);
  if (!budget) return true;
  if (budget.left === 0) return false;
  // PSD2's few reads a day (4 an account) are spread over what is left of the day: the
  // syncs left share the hours left, counting the person's own syncs too, so a day's
  // rounds never run out before its evening and the person's sync finds one left.
  const perAccount = provider?.limits?.syncsPerAccountPerDay !== undefined;
  let query = ctx.db
    .selectFrom('sync_runs')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('connection_id', '=', connectionId)
    .where('status', '<>', 'skipped');
  if (!perAccount) query = query.where('trigger', '=', 'daemon');
  const last = await query.executeTakeFirst();
  const lastMs = last?.at ? Date.parse(last.at) : -Infinity;
  const nowMs = ctx.clock.nowMs();
  if (!perAccount) return nowMs - lastMs >= daemonSpacingMs(budget.limit);
  // From the last sync of today (or the day's start): the hours it left, shared by the syncs left.
  const from = Math.max(lastMs, budget.resetsAtMs - 86_400_000);
  return nowMs - from >= spreadSpacingMs(budget.resetsAtMs - from, budget.left);
}

export interface RoundSummary {
  runs: SyncRun[];
  /** Connections left out this round, and why. */
  skipped: { connectionId: number; provider: string; reason: 'needs_relink' | 'backing_off' | 'request_budget' }[];
  after: AfterSync;
}

/**
 * One scheduled run of the daemon: every live connection that is due is synced with
 * trigger `daemon`; one that needs the person to log in again is skipped (with one
 * alert), one that keeps failing backs off. Then the new rows are checked, budgets
 * evaluated and the outbox delivered, as after any sync; the day's reference rates are
 * fetched once the ECB has published them (rates/daily-rates.ts); and the day's backup
 * is made if there is none yet (the last seven are kept).
 */
export async function daemonRound(ctx: AppContext, backoff: ConnectionBackoff, signal: AbortSignal): Promise<RoundSummary> {
  const sinceId = lastTransactionId(ctx);
  const summary: Omit<RoundSummary, 'after'> = { runs: [], skipped: [] };
  const connections = await ctx.db
    .selectFrom('connections')
    .select(['id', 'provider', 'status', 'updated_at'])
    .where('status', '<>', 'revoked')
    .orderBy('id')
    .execute();
  for (const connection of connections) {
    if (signal.aborted) break;
    if (connection.status === 'needs_relink') {
      await alertNeedsRelink(ctx, { id: connection.id, provider: connection.provider, updatedAt: connection.updated_at });
      summary.skipped.push({ connectionId: connection.id, provider: connection.provider, reason: 'needs_relink' });
      continue;
    }
    if (!backoff.due(connection.id, ctx.clock.nowMs())) {
      summary.skipped.push({ connectionId: connection.id, provider: connection.provider, reason: 'backing_off' });
      continue;
    }
    if (!(await withinBudget(ctx, connection.id, connection.provider))) {
      summary.skipped.push({ connectionId: connection.id, provider: connection.provider, reason: 'request_budget' });
      continue;
    }
    let retryAfterMs: number | undefined;
    const runs = await syncAccounts(ctx, {
      connection: String(connection.id),
      full: false,
      trigger: 'daemon',
      signal,
      onProviderError: (_, error) => {
        if (error.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, error.retryAfterMs);
      },
    });
    summary.runs.push(...runs);
    const failed = runs.length > 0 && runs.every((r) => r.status === 'failed');
    if (failed) {
      const wait = backoff.failed(connection.id, ctx.clock.nowMs(), retryAfterMs);
      ctx.log.log('warn', 'daemon.backoff', { connection_id: connection.id, provider: connection.provider, wait_ms: wait });
    } else backoff.succeeded(connection.id);
    const now = await ctx.db
      .selectFrom('connections')
      .select(['status', 'updated_at'])
      .where('id', '=', connection.id)
      .executeTakeFirst();
    if (now?.status === 'needs_relink')
      await alertNeedsRelink(ctx, { id: connection.id, provider: connection.provider, updatedAt: now.updated_at });
  }
  const after = await afterSync(ctx, sinceId);
  // The day's reference rates, once a day after the ECB publishes: a failure is logged, never fatal.
  if (!signal.aborted) {
    try {
      await timedAsync('rates', () => dailyRates(ctx, { ecbUrl: process.env.FINAGG_ECB_URL }));
    } catch (error) {
      ctx.log.log('error', 'rates.failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  // Once a day, after the round's writes: a failed backup is logged, never fatal.
  if (!signal.aborted) {
    try {
      await timedAsync('backup', () => backupOfTheDay(ctx, process.env));
    } catch (error) {
      ctx.log.log('error', 'backup.failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  // The round's stages: the sync's and its after-steps' (afterSync took those), then the rates' and the backup's.
  Object.assign(after.stages, takeStageTimes());
  return { ...summary, after };
}
