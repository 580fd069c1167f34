import type { BudgetPeriod, PeriodRange } from './budget-period';

export interface Budget {
  id: number;
  category: string;
  amountCents: number;
  currency: string;
  period: BudgetPeriod;
  /** Thresholds in percent, ascending, each 1 to 1000. */
  alertAt: number[];
  /** Unspent money of a monthly budget moves into the next month. */
  rollover: boolean;
  /** Spending in other currencies counts too, each row at its day's reference rate. */
  allCurrencies: boolean;
  createdAt: string;
}

/** A budget in one period: what was spent against what was available. */
export interface BudgetStatus {
  budget: Budget;
  range: PeriodRange;
  /** Net money out in the category: purchases less refunds, pending charges included (core/spent.ts), never below zero. */
  spentCents: number;
  /** The part of `spentCents` that is pending charges. */
  pendingCents?: number;
  /** Carried in from earlier months (rollover), zero otherwise. */
  carriedCents: number;
  /** The amount plus what was carried. */
  availableCents: number;
  remainingCents: number;
  /** Spent in percent of available, one decimal. */
  percent: number;
  daysLeft: number;
  /** Currencies whose spending could not be counted (no rate by a row's day): an all-currencies budget names them. */
  uncounted?: string[];
}

export function budgetStatus(
  budget: Budget,
  range: PeriodRange,
  spentCents: number,
  carriedCents: number,
  daysLeft: number,
): BudgetStatus {
  const availableCents = budget.amountCents + carriedCents;
  const percent = availableCents > 0 ? Math.round((spentCents / availableCents) * 1000) / 10 : 0;
  return {
    budget,
    range,
    spentCents,
    carriedCents,
    availableCents,
    remainingCents: availableCents - spentCents,
    percent,
    daysLeft,
  };
}

/**
 * What a rollover budget carries into a month: walking its months in order from the
 * first, each month's unspent money (never a debt) adds to the next.
 */
export function carriedInto(amountCents: number, spentByMonth: readonly number[]): number {
  let carried = 0;
  for (const spent of spentByMonth) carried = Math.max(0, amountCents + carried - spent);
  return carried;
}

/**
 * Thresholds to fire now: those reached and not marked in this period yet. A mark is
 * written with each alert and outlives it, so going below and back above a threshold
 * in one period fires once; a new period has no marks and starts fresh. One exception:
 * a threshold told as withdrawn (core/budget-withdrawn.ts) loses its mark, so a later
 * crossing by charges that stay fires again.
 */
export function thresholdsToFire(status: BudgetStatus, marked: ReadonlySet<number>): number[] {
  return status.budget.alertAt.filter((t) => status.percent >= t && !marked.has(t));
}

/** `80,100` as typed to thresholds; undefined when it is not a list of 1 to 1000. */
export function parseAlertAt(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d{1,4}$/.test(p))) return undefined;
  const values = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  return values.every((v) => v >= 1 && v <= 1000) ? values : undefined;
}
