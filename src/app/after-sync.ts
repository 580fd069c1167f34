import type { Alert } from '../core/alert';
import { listAlerts } from '../storage/alerts-repo';
import { countSplitsToReview } from '../storage/splits-repo';
import { checkNewRows } from './anomalies';
import type { AppContext } from './context';
import { deliverPendingAlerts, type DeliverySummary } from './deliver-alerts';
import { evaluateBudgets } from './evaluate-budgets';
import { evaluateStreams } from './evaluate-streams';
import { evaluateConsents } from './consent/consent-alerts';
import { pairNewRows } from './transfers';
import { takeStageTimes, timed, timedAsync } from './stage-times';

export interface AfterSync {
  /** Alerts this sync raised. */
  created: Alert[];
  /** Alerts the terminal has not shown yet (this sync's, and any the daemon raised). */
  toShow: Alert[];
  delivery: DeliverySummary;
  /** Anomalies found among the new rows. */
  anomalies: number;
  /** Transfers between own accounts paired among the new rows. */
  transfers: number;
  /** Split rows whose amount the bank changed since they were split (`tx --review`). */
  splitsToReview: number;
  /** Where the sync and this step spent their time, in whole milliseconds by stage (stage-times.ts). */
  stages: Record<string, number>;
}

/**
 * What follows every sync (DESIGN.md step 7): the new rows paired as transfers between
 * the person's own accounts and checked for anomalies, budgets evaluated against the
 * stored rows, new alerts written to the outbox, the outbox worked off for the other
 * channels, and split rows the bank changed counted for review.
 * The caller shows `toShow` and then closes their terminal rows.
 */
export async function afterSync(ctx: AppContext, sinceId: number): Promise<AfterSync> {
  // Pairs first: a paired row is a transfer, out of anomalies and budgets.
  const transfers = timed('transfers.pair', () => pairNewRows(ctx).pairs.length);
  const anomalies = await timedAsync('anomalies', () => checkNewRows(ctx, sinceId));
  const budgetAlerts = await timedAsync('budgets', () => evaluateBudgets(ctx));
  const streamAlerts = await timedAsync('recurring.streams', () => evaluateStreams(ctx));
  const consentAlerts = await evaluateConsents(ctx);
  const created = [...budgetAlerts, ...streamAlerts, ...consentAlerts];
  const { toShow, delivery } = await timedAsync('alerts', async () => {
    const owed = await ctx.db
      .selectFrom('alert_deliveries')
      .select('alert_id')
      .where('channel', '=', 'terminal')
      .where('delivered_at', 'is', null)
      .execute();
    const toShow = owed.length === 0 ? [] : (await listAlerts(ctx.db, { all: true, ids: owed.map((r) => r.alert_id) })).reverse();
    return { toShow, delivery: await deliverPendingAlerts(ctx) };
  });
  const splitsToReview = timed('splits.review', () => countSplitsToReview(ctx.sqlite));
  // Where this sync's time went (stage-times.ts), for `npm run bench` and a slow sync's report.
  const stages = takeStageTimes();
  ctx.log.log('debug', 'sync.stages', stages);
  return { created, toShow, delivery, anomalies, transfers, splitsToReview, stages };
}
