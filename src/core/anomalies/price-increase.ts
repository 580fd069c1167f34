import { daysBetween } from '../dates';
import type { AnomalyHistory } from './history';
import { article } from '../words';
import { money } from './money-text';
import { type AnomalyTx, type Finding, NOT_SPENDING, merchantName, type Severity } from './types';

/** Steady intervals a recurring charge keeps, in days, with their tolerance. */
const CADENCES = [
  { name: 'weekly', days: 7, tolerance: 1 },
  { name: 'monthly', days: 30.4, tolerance: 4 },
  { name: 'yearly', days: 365, tolerance: 8 },
] as const;
const MIN_PRIOR_CHARGES = 3;
/** Amounts of a recurring charge stay within this fraction of each other. */
const STEADY = 0.03;

/**
 * A recurring charge (three or more at a steady interval, amounts within a few percent)
 * whose newest charge is more than 5% and more than a dollar above the one before.
 */
export function priceIncrease(t: AnomalyTx, history: AnomalyHistory): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  const last = history.chargesBefore(t, MIN_PRIOR_CHARGES);
  if (last.length < MIN_PRIOR_CHARGES) return undefined;
  const series = [...last, t];
  const gaps = series.slice(1).map((r, i) => daysBetween(series[i]!.date, r.date));
  const cadence = CADENCES.find((c) => gaps.every((g) => Math.abs(g - c.days) <= c.tolerance));
  if (!cadence) return undefined;
  const sizes = last.map((r) => -r.amountCents);
  const low = Math.min(...sizes);
  const high = Math.max(...sizes);
  if (high > low * (1 + STEADY)) return undefined;
  const before = sizes[sizes.length - 1]!;
  const now = -t.amountCents;
  if (now <= before * 1.05 || now - before <= 100) return undefined;
  const percent = Math.round(((now - before) / before) * 100);
  const severity: Severity = percent >= 25 ? 'high' : percent >= 10 ? 'medium' : 'low';
  return {
    transactionId: t.id,
    accountId: t.accountId,
    type: 'price_increase',
    severity,
    score: percent,
    description: `${merchantName(t)}, ${article(cadence.name)} ${cadence.name} charge, went up from ${money(before, t.currency)} to ${money(now, t.currency)} (+${percent}%)`,
  };
}
