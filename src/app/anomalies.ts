import { detectAnomalies } from '../core/anomalies/detect';
import { History } from '../core/anomalies/history';
import { type AnomalyTx, type Finding, merchantKey } from '../core/anomalies/types';
import { addDays, localDate } from '../core/dates';
import { AppError } from '../core/errors';
import { findAccountRef } from '../storage/accounts-repo';
import {
  anomalyRows,
  dismissAnomaly,
  listAnomalies,
  merchantsBefore,
  saveFindings,
  type StoredAnomaly,
} from '../storage/anomalies-repo';
import { StoredHistory } from '../storage/anomaly-history';
import type { AppContext } from './context';

/** History loaded behind the checked rows: two years and a bit, so yearly charges show as recurring. */
const HISTORY_DAYS = 800;
/** New rows older than this are history being filled in, not news: a first sync checks only the recent ones. */
export const CHECK_DAYS = 90;
/**
 * Runs the detectors over the rows above `afterId` dated from `from`, against the
 * history before them, and stores what they find (one per transaction and type).
 */
async function check(
  ctx: AppContext,
  accountIds: readonly number[],
  from: string,
  afterId: number,
  load: 'all' | 'selective' = 'all',
): Promise<number> {
  const findings = findAnomalies(ctx, accountIds, from, afterId, load);
  if (findings === undefined) return 0;
  const added = saveFindings(ctx.sqlite, findings.found, new Date(ctx.clock.nowMs()).toISOString());
  ctx.log.log('info', 'anomalies.checked', { checked: findings.checked, found: findings.found.length, added });
  return added;
}

/**
 * The findings of the rows above `afterId` dated from `from`, of some accounts (all when
 * empty), against the household's history before them (HISTORY_DAYS): every account's
 * rows, since a category's month and a merchant's novelty are judged on the household.
 * `all` loads the whole window; `selective`, for a sync's few new rows, reads the store
 * only where the detectors look (storage/anomaly-history.ts): the same findings (test:
 * anomalies-selective), from a fraction of the rows.
 */
export function findAnomalies(
  ctx: AppContext,
  accountIds: readonly number[],
  from: string,
  afterId: number,
  load: 'all' | 'selective',
): { checked: number; found: Finding[] } | undefined {
  const windowStart = addDays(from, -HISTORY_DAYS);
  if (load === 'selective') {
    const targets = anomalyRows(ctx.sqlite, accountIds, from, { afterId });
    if (targets.length === 0) return undefined;
    const history = new StoredHistory(ctx.sqlite, windowStart);
    return { checked: targets.length, found: detectAnomalies(targets, history, { seenBefore: (t) => history.seenBefore(t) }) };
  }
  const rows = anomalyRows(ctx.sqlite, [], windowStart);
  const checked = new Set(accountIds);
  const targets = rows.filter((t) => t.date >= from && t.id > afterId && (checked.size === 0 || checked.has(t.accountId)));
  if (targets.length === 0) return undefined;
  // Merchants any account paid before the loaded history, asked once when needed.
  let older: Set<string> | undefined;
  const seenBefore = (t: AnomalyTx) => {
    older ??= new Set(merchantsBefore(ctx.sqlite, windowStart).map((m) => merchantKey({ merchant: m, description: m })));
    return older.has(merchantKey(t));
  };
  return { checked: targets.length, found: detectAnomalies(targets, new History(rows), { seenBefore }) };
}

/** After a sync: the rows it added (ids above `sinceId`) from the last 90 days. */
export async function checkNewRows(ctx: AppContext, sinceId: number): Promise<number> {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const from = addDays(today, -CHECK_DAYS);
  // The accounts of the new rows, by their id range (the planner, left alone, scans an
  // index of every row for the accounts).
  const accounts = ctx.sqlite
    .prepare('SELECT DISTINCT +account_id FROM transactions WHERE id > ?')
    .pluck()
    .all(sinceId) as number[];
  if (accounts.length === 0) return 0;
  // The new rows read only what their checks look at, a day's few hundred rows and a first
  // sync's 24,000 alike: on the million-row home the first sync's check took 3.2 s against
  // 4.7 s for the whole window read once, and its peak memory went down by 35 MB.
  return check(ctx, accounts, from, sinceId, 'selective');
}

/** The highest transaction id now: what a sync's new rows are counted from. */
export function lastTransactionId(ctx: AppContext): number {
  return (ctx.sqlite.prepare('SELECT coalesce(max(id), 0) FROM transactions').pluck().get() as number) ?? 0;
}

export interface AnomalyQuery {
  account?: string;
  days: number;
  all: boolean;
  recompute: boolean;
}

/** `finagg anomalies`: stored ones over the window; with recompute, checked again first. */
export async function anomaliesOver(ctx: AppContext, query: AnomalyQuery): Promise<StoredAnomaly[]> {
  let accountId: number | undefined;
  if (query.account !== undefined) {
    const found = await findAccountRef(ctx.db, query.account);
    if (!found) throw new AppError('not_found', `no account ${JSON.stringify(query.account)}`, 'see finagg accounts');
    accountId = found.id;
  }
  const from = addDays(localDate(ctx.clock.nowMs(), ctx.timeZone), -query.days);
  if (query.recompute) await check(ctx, accountId === undefined ? [] : [accountId], from, 0);
  return listAnomalies(ctx.db, { accountId, from, includeDismissed: query.all });
}

export async function dismiss(ctx: AppContext, id: number): Promise<void> {
  const result = await dismissAnomaly(ctx.db, id, new Date(ctx.clock.nowMs()).toISOString());
  if (result === 'missing') throw new AppError('not_found', `no anomaly ${id}`, 'see finagg anomalies --all');
}
