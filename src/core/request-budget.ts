import { utcDate } from './dates';
import { formatDuration } from './duration';

/**
 * A provider's daily request budget (SimpleFIN Bridge asks apps for at most 24 requests
 * a day per access URL). Days are UTC days: the provider does not say which day it
 * counts, and a fixed day everywhere means a person travelling does not gain requests.
 */
export interface BudgetStatus {
  limit: number;
  used: number;
  left: number;
  /** When the count starts again (the next UTC midnight), ms. */
  resetsAtMs: number;
}

export const budgetDay = (nowMs: number): string => utcDate(nowMs);

export function nextBudgetDayMs(nowMs: number): number {
  return Date.parse(`${utcDate(nowMs)}T00:00:00Z`) + 86_400_000;
}

/** The budget as stored on a connection: the count belongs to `day` only. */
export function budgetStatus(limit: number, stored: { day: string | null; used: number }, nowMs: number): BudgetStatus {
  const used = stored.day === budgetDay(nowMs) ? stored.used : 0;
  return { limit, used, left: Math.max(0, limit - used), resetsAtMs: nextBudgetDayMs(nowMs) };
}

/** `after 2026-12-02 00:00 UTC (in 4h13m)`: when the next request is allowed. */
export function describeReset(status: BudgetStatus, nowMs: number): string {
  const at = new Date(status.resetsAtMs).toISOString().slice(0, 16).replace('T', ' ');
  const wait = Math.ceil((status.resetsAtMs - nowMs) / 60_000) * 60_000;
  return `after ${at} UTC (in ${formatDuration(wait)})`;
}

/**
 * How far apart the daemon's syncs of a budgeted connection are: it uses at most half
 * the day's requests (one window a round, in the usual case), so the person's own
 * syncs keep the other half. 24 a day: every 2 hours.
 */
export function daemonSpacingMs(requestsPerDay: number): number {
  return Math.ceil((2 * 86_400_000) / Math.max(1, requestsPerDay));
}

/**
 * How far apart syncs must be so that `left` of them fit in the `untilResetMs` left of the
 * day (PSD2's four reads a day per account): the remaining day shared evenly. With four
 * left at midnight, every six hours; fewer left, further apart.
 */
export function spreadSpacingMs(untilResetMs: number, left: number): number {
  return Math.ceil(Math.max(0, untilResetMs) / Math.max(1, left));
}
