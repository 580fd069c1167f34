import { addDays } from '../dates';
import { periodContaining } from '../budget-period';
import { between, type History } from './history';
import { money } from './money-text';
import { median, sorted } from './robust';
import { type AnomalyTx, type Finding, NOT_SPENDING, type Severity } from './types';

/** Months of baseline, and the least a baseline month must hold to compare with. */
const BASELINE_MONTHS = 6;
const MIN_BASELINE_MONTHS = 3;
const MIN_BASELINE_CENTS = 50_00;
/** A spike is this many times the baseline, and this much above it. */
const MIN_RATIO = 2.5;
const MIN_EXCESS_CENTS = 100_00;

/**
 * A month whose spend in a category runs far above the category's usual month (the
 * median of the six before). Flagged once, on the transaction that carried the month
 * over the line.
 */
export function categorySpike(t: AnomalyTx, history: History): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  const rows = history.inCategory(t.accountId, t.category).filter((r) => r.currency === t.currency);
  const month = periodContaining(t.date, 'monthly');
  const net = (list: readonly AnomalyTx[]) => -list.reduce((sum, r) => sum + r.amountCents, 0);
  const baseline: number[] = [];
  let start = month.start;
  for (let i = 0; i < BASELINE_MONTHS; i++) {
    const previous = periodContaining(addDays(start, -1), 'monthly');
    baseline.push(net(between(rows, previous.start, addDays(previous.end, 1))));
    start = previous.start;
  }
  const usual = median(sorted(baseline.filter((v) => v > 0)));
  if (baseline.filter((v) => v > 0).length < MIN_BASELINE_MONTHS || !(usual >= MIN_BASELINE_CENTS)) return undefined;
  const line = Math.max(usual * MIN_RATIO, usual + MIN_EXCESS_CENTS);
  const upTo = between(rows, month.start, addDays(t.date, 1)).filter((r) => r.date < t.date || r.id <= t.id);
  const after = net(upTo);
  const before = after + t.amountCents; // this transaction's amount is negative
  if (!(after >= line && before < line)) return undefined;
  const ratio = after / usual;
  const severity: Severity = ratio >= 5 ? 'high' : ratio >= 3.5 ? 'medium' : 'low';
  return {
    transactionId: t.id,
    accountId: t.accountId,
    type: 'category_spike',
    severity,
    score: Math.round(ratio * 10) / 10,
    description: `${t.category} this month reached ${money(after, t.currency)}; a usual month is about ${money(usual, t.currency)}`,
  };
}
