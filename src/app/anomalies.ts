import { detectAnomalies } from '../core/anomalies/detect';
import { History } from '../core/anomalies/history';
import { type AnomalyTx, type Finding, merchantKey } from '../core/anomalies/types';
import { CATEGORY_LOOKBACK_DAYS } from '../core/anomalies/lookback';
import { addDays, localDate } from '../core/dates';
import { AppError } from '../core/errors';
import { findAccountRef } from '../storage/accounts-repo';
import {
  accountStartsFrom,
  anomalyRows,
  dismissAnomaly,
  listAnomalies,
  merchantsBefore,
  saveFindings,
  type StoredAnomaly,
} from '../storage/anomalies-repo';
import type { AppContext } from './context';

/** History loaded behind the checked rows: two years and a bit, so yearly charges show as recurring. */
const HISTORY_DAYS = 800;
/** New rows older than this are history being filled in, not news: a first sync checks only the recent ones. */
export const CHECK_DAYS = 90;

/**
 * Runs the detectors over the rows `select` picks from the recent ones, against the
 * history before them, and stores what they find (one per transaction and type).
 */
async function check(
  ctx: AppContext,
  accountIds: readonly number[],
  from: string,
  select: (t: AnomalyTx) => boolean,
  load: 'all' | 'selective' = 'all',
): Promise<number> {
  const findings = findAnomalies(ctx, accountIds, from, select, load);
  if (findings === undefined) return 0;
  const added = saveFindings(ctx.sqlite, findings.found, new Date(ctx.clock.nowMs()).toISOString());
  ctx.log.log('info', 'anomalies.checked', { checked: findings.checked, found: findings.found.length, added });
  return added;
}

/**
 * The findings of the rows `select` picks from those dated from `from`, against the
 * history before them. `all` loads the accounts' whole window (HISTORY_DAYS); `selective`,
 * for a few new rows, loads every row of the category window (lookback.ts) and before
 * it only the rows of the targets' own merchants: the same findings, from a fraction of
 * the rows (test: a selective check finds what a whole one does).
 */
export function findAnomalies(
  ctx: AppContext,
  accountIds: readonly number[],
  from: string,
  select: (t: AnomalyTx) => boolean,
  load: 'all' | 'selective',
): { checked: number; found: Finding[] } | undefined {
  const windowStart = addDays(from, -HISTORY_DAYS);
  let rows: AnomalyTx[];
  let starts: Map<number, string> | undefined;
  if (load === 'selective') {
    const recentFrom = addDays(from, -CATEGORY_LOOKBACK_DAYS);
    const recent = anomalyRows(ctx.sqlite, accountIds, recentFrom);
    const keys = [...new Set(recent.filter((t) => t.date >= from && select(t)).map(merchantKey))];
    if (keys.length === 0) return undefined;
    const older = anomalyRows(ctx.sqlite, accountIds, windowStart, { before: recentFrom, merchantKeys: keys });
    rows = [...older, ...recent];
    starts = accountStartsFrom(ctx.sqlite, accountIds, windowStart);
  } else rows = anomalyRows(ctx.sqlite, accountIds, windowStart);
  const targets = rows.filter((t) => t.date >= from && select(t));
  if (targets.length === 0) return undefined;
  const history = new History(rows, starts);
  // Merchants paid before the loaded history, asked once per account when needed.
  const older = new Map<number, Set<string>>();
  const seenBefore = (t: AnomalyTx) => {
    let known = older.get(t.accountId);
    if (!known)
      older.set(
        t.accountId,
        (known = new Set(
          merchantsBefore(ctx.sqlite, t.accountId, windowStart).map((m) => merchantKey({ merchant: m, description: m })),
        )),
      );
    return known.has(merchantKey(t));
  };
  return { checked: targets.length, found: detectAnomalies(targets, history, { seenBefore }) };
}

/** After a sync: the rows it added (ids above `sinceId`) from the last 90 days. */
export async function checkNewRows(ctx: AppContext, sinceId: number): Promise<number> {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const fresh = ctx.sqlite.prepare('SELECT DISTINCT account_id FROM transactions WHERE id > ?').pluck().all(sinceId) as number[];
  if (fresh.length === 0) return 0;
  // A sync's few new rows: their own merchants' history, not every row of two years.
  return check(ctx, fresh, addDays(today, -CHECK_DAYS), (t) => t.id > sinceId, 'selective');
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
  if (query.recompute) await check(ctx, accountId === undefined ? [] : [accountId], from, () => true);
  return listAnomalies(ctx.db, { accountId, from, includeDismissed: query.all });
}

export async function dismiss(ctx: AppContext, id: number): Promise<void> {
  const result = await dismissAnomaly(ctx.db, id, new Date(ctx.clock.nowMs()).toISOString());
  if (result === 'missing') throw new AppError('not_found', `no anomaly ${id}`, 'see finagg anomalies --all');
}
