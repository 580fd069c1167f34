import type { Alert, AlertChannel } from '../core/alert';
import type { Budget } from '../core/budget';
import { periodContaining, type PeriodRange, type WeekStart } from '../core/budget-period';
import { type CountedCharge, type FiredThreshold, withdrawnMessage, withdrawnThresholds } from '../core/budget-withdrawn';
import { addDays } from '../core/dates';
import { likelyPosting } from '../core/dedupe';
import { HomeFigure, type RateBook } from '../core/fx/rate-book';
import {
  type CountedChargeRow,
  countedCharges,
  insertWithdrawnAlert,
  type PendingCharge,
  pendingChargesIn,
  periodsWithRemovedCharges,
  postedBeside,
  toldWithdrawn,
} from '../storage/budget-withdrawn-repo';
import { categorySubtree } from '../storage/categories-repo';
import { statusOf } from './budgets';
import type { AppContext } from './context';
import { rateBookFor } from './fx/rate-book';

/**
 * The pending charges a budget's spend counts in a period (core/spent.ts's rules), kept
 * with a threshold's alert when it fires, so that their withdrawal can be told.
 */
export async function pendingChargesOf(ctx: AppContext, budget: Budget, range: PeriodRange): Promise<PendingCharge[]> {
  return pendingChargesIn(ctx.sqlite, {
    subtree: await categorySubtree(ctx.db, budget.category),
    currency: budget.allCurrencies ? null : budget.currency,
    from: range.start,
    to: range.end,
  });
}

/**
 * After a sync, before thresholds fire: a threshold whose alert counted pending charges
 * that the bank has withdrawn since, and whose line the spend is now below because of
 * them, is told so, once (core/budget-withdrawn.ts decides; storage writes the alert, its
 * once-marks and outbox rows, and clears the threshold's mark, see insertWithdrawnAlert).
 * The current period and the one before are looked at: a charge of a month's last days
 * is often withdrawn after the month ends.
 */
export async function tellWithdrawn(
  ctx: AppContext,
  budgets: readonly Budget[],
  calendar: { today: string; weekStart: WeekStart },
  channels: readonly AlertChannel[],
  nowIso: string,
): Promise<Alert[]> {
  const candidates = periodsWithRemovedCharges(ctx.sqlite);
  if (candidates.length === 0) return [];
  const told: Alert[] = [];
  let book: RateBook | undefined;
  for (const budget of budgets) {
    const current = periodContaining(calendar.today, budget.period, calendar.weekStart);
    const previous = periodContaining(addDays(current.start, -1), budget.period, calendar.weekStart);
    for (const period of [previous, current]) {
      if (!candidates.some((c) => c.budgetId === budget.id && c.periodStart === period.start)) continue;
      const isCurrent = period === current;
      const status = await statusOf(ctx, budget, isCurrent ? calendar.today : period.end, calendar.weekStart);
      const rows = countedCharges(ctx.sqlite, budget.id, period.start);
      if (budget.allCurrencies && rows.some((r) => r.currency !== budget.currency)) book ??= rateBookFor(ctx);
      const fired = firedThresholds(ctx, budget, rows, book);
      const withdrawal = withdrawnThresholds(status, fired, toldWithdrawn(ctx.sqlite, budget.id, period.start));
      if (!withdrawal) continue;
      const alert = insertWithdrawnAlert(ctx.sqlite, {
        budgetId: budget.id,
        category: budget.category,
        periodStart: period.start,
        thresholds: withdrawal.thresholds,
        percent: status.percent,
        message: withdrawnMessage(status, withdrawal, isCurrent),
        createdAt: nowIso,
        channels,
      });
      if (!alert) continue; // another process (the daemon) told it a moment ago
      ctx.log.log('info', 'alert.created', {
        alert_id: alert.id,
        category: budget.category,
        type: alert.type,
        thresholds: withdrawal.thresholds,
      });
      told.push(alert);
    }
  }
  return told;
}

/** The thresholds that counted pending charges, each charge with what became of it. */
function firedThresholds(
  ctx: AppContext,
  budget: Budget,
  rows: readonly CountedChargeRow[],
  book: RateBook | undefined,
): FiredThreshold[] {
  const states = new Map<number, CountedCharge>();
  const byThreshold = new Map<number, CountedCharge[]>();
  for (const row of rows) {
    let charge = states.get(row.transactionId);
    if (!charge) {
      charge = {
        transactionId: row.transactionId,
        cents: inBudgetCurrency(budget, row, book),
        ownCents: row.countedCents,
        currency: row.currency,
        payee: row.merchant ?? row.description,
        now: nowOf(ctx, row),
      };
      states.set(row.transactionId, charge);
    }
    const list = byThreshold.get(row.threshold) ?? [];
    list.push(charge);
    byThreshold.set(row.threshold, list);
  }
  return [...byThreshold].map(([threshold, charges]) => ({ threshold, charges }));
}

/**
 * What became of a counted pending charge. A removed pending row was withdrawn, except at
 * a provider that lists every pending record and sends no withdrawals (SimpleFIN): there
 * a row it stopped listing may have posted under another id, so a posting stored beside
 * it (core/dedupe.ts's likelyPosting, as the sweep itself looks) means posted.
 */
function nowOf(ctx: AppContext, row: CountedChargeRow): CountedCharge['now'] {
  if (!row.pending) return 'posted';
  if (!row.removed) return 'pending';
  if (!ctx.providers.get(row.provider)?.listsAllPending) return 'withdrawn';
  const posting = likelyPosting(
    { date: row.date, amountCents: row.amountCents, description: row.description, merchant: row.merchant },
    postedBeside(ctx.sqlite, row.accountId, row.date),
  );
  return posting ? 'posted' : 'withdrawn';
}

/** What a charge added to the budget's spend in its currency: at its day's rate for a budget of every currency. */
function inBudgetCurrency(budget: Budget, row: CountedChargeRow, book: RateBook | undefined): number | undefined {
  if (row.currency === budget.currency) return row.countedCents;
  if (!book) return undefined;
  const figure = new HomeFigure(book, budget.currency);
  figure.add(row.countedCents, row.currency, row.date);
  const cents = figure.cents();
  return figure.missing.size > 0 ? undefined : cents;
}
