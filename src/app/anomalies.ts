import { detectAnomalies } from '../core/anomalies/detect';
import { History } from '../core/anomalies/history';
import { type AnomalyTx, merchantKey } from '../core/anomalies/types';
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
): Promise<number> {
  const rows = anomalyRows(ctx.sqlite, accountIds, addDays(from, -HISTORY_DAYS));
  const targets = rows.filter((t) => t.date >= from && select(t));
  if (targets.length === 0) return 0;
  const history = new History(rows);
  const windowStart = addDays(from, -HISTORY_DAYS);
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
  const findings = detectAnomalies(targets, history, { seenBefore });
  const added = saveFindings(ctx.sqlite, findings, new Date(ctx.clock.nowMs()).toISOString());
  ctx.log.log('info', 'anomalies.checked', { checked: targets.length, found: findings.length, added });
  return added;
}

/** After a sync: the rows it added (ids above `sinceId`) from the last 90 days. */
export async function checkNewRows(ctx: AppContext, sinceId: number): Promise<number> {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const fresh = ctx.sqlite.prepare('SELECT DISTINCT account_id FROM transactions WHERE id > ?').pluck().all(sinceId) as number[];
  if (fresh.length === 0) return 0;
  return check(ctx, fresh, addDays(today, -CHECK_DAYS), (t) => t.id > sinceId);
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
