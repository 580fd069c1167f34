import type { Alert } from '../core/alert';
import { type BudgetStatus, thresholdsToFire } from '../core/budget';
import { formatMoney } from '../core/money';
import { categoryName, plural } from '../core/words';
import { listBudgets, markedThresholds } from '../storage/budgets-repo';
import { insertAlert } from '../storage/alerts-repo';
import { pendingChargesOf, tellWithdrawn } from './budget-withdrawn';
import { calendar, statusOf } from './budgets';
import type { AppContext } from './context';
import { alertChannels } from './deliver-alerts';
import { getSettings } from './settings';

/**
 * After a sync (or an import): each budget in its current period, spend counted from the
 * stored rows. A threshold reached and not marked for this period writes one alert, its
 * mark, the pending charges its spend counted, and its outbox rows in one transaction, so
 * an alert is written once and never lost. Spend that falls (a recategorization, a
 * refund, a charge that posts for less) fires nothing; a new period starts fresh. Spend
 * that falls back below a threshold because the bank withdrew pending charges its alert
 * counted is told once (app/budget-withdrawn.ts), first, and the threshold may fire again.
 */
export async function evaluateBudgets(ctx: AppContext): Promise<Alert[]> {
  const budgets = await listBudgets(ctx.db);
  if (budgets.length === 0) return [];
  const settings = await getSettings(ctx);
  const { today, weekStart } = await calendar(ctx, settings);
  const channels = alertChannels(settings);
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  const fired: Alert[] = await tellWithdrawn(ctx, budgets, { today, weekStart }, channels, nowIso);
  for (const budget of budgets) {
    const status = await statusOf(ctx, budget, today, weekStart);
    const due = thresholdsToFire(status, await markedThresholds(ctx.db, budget.id, status.range.start));
    const pendingCharges = due.length > 0 ? await pendingChargesOf(ctx, budget, status.range) : [];
    // Crossing 80 and 100 in one sync fires both: each threshold is its own promise.
    for (const threshold of due) {
      const alert = await insertAlert(ctx.db, {
        budgetId: budget.id,
        category: budget.category,
        threshold,
        percent: status.percent,
        periodStart: status.range.start,
        message: budgetMessage(status, threshold),
        createdAt: nowIso,
        channels,
        pendingCharges,
      });
      if (!alert) continue; // another process (the daemon) fired it a moment ago
      ctx.log.log('info', 'alert.created', { alert_id: alert.id, category: budget.category, threshold });
      fired.push(alert);
    }
  }
  return fired;
}

export function budgetMessage(status: BudgetStatus, threshold: number): string {
  const { budget } = status;
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const period = budget.period === 'monthly' ? 'this month' : 'this week';
  const where =
    status.percent >= 100
      ? `over by ${money(status.spentCents - status.availableCents)}`
      : `${money(status.remainingCents)} left, ${plural(status.daysLeft, 'day')} to go`;
  return `${categoryName(budget.category)}: ${money(status.spentCents)} of ${money(status.availableCents)} spent ${period} (${status.percent}%, crossed ${threshold}%); ${where}`;
}
