import { addDays } from '../dates';
import { periodContaining } from '../budget-period';
import { type AnomalyHistory, isBefore, spendOf } from './history';
import { categoryNoun } from '../words';
import { money } from './money-text';
import { median, sorted } from './robust';
import { type AnomalyTx, categoryViews, type Finding, NOT_SPENDING, type Severity } from './types';

/** Months of baseline, and the least a baseline month must hold to compare with. */
export const BASELINE_MONTHS = 6;
const MIN_BASELINE_MONTHS = 3;
const MIN_BASELINE_CENTS = 25_00;
/** A spike is this many times the baseline, and this much above it. */
const MIN_RATIO = 2.5;
const MIN_EXCESS_CENTS = 100_00;

/**
 * A month whose spend in a category runs far above the category's usual month (the
 * median of the six before). Flagged once, on the transaction that carried the month
 * over the line.
 */
export function categorySpike(t: AnomalyTx, history: AnomalyHistory): Finding | undefined {
  // A split row is checked in each of its parts' categories, with the part's amount.
  for (const view of categoryViews(t)) {
    const finding = spikeOf(view, history);
    if (finding) return finding;
  }
  return undefined;
}

function spikeOf(t: AnomalyTx, history: AnomalyHistory): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  const month = periodContaining(t.date, 'monthly');
  const key = `spike:${t.accountId}:${t.category}:${t.currency}:${month.start}`;
  const spend = (start: string) => history.monthSpend(t.accountId, t.category, t.currency, start.slice(0, 7));
  // The month's total and its usual level, once per account, category and month.
  const { usual, total } = history.remember(key, () => {
    const baseline: number[] = [];
    let start = month.start;
    for (let i = 0; i < BASELINE_MONTHS; i++) {
      start = periodContaining(addDays(start, -1), 'monthly').start;
      const spent = spend(start);
      if (spent > 0) baseline.push(spent);
    }
    const usual = baseline.length >= MIN_BASELINE_MONTHS ? median(sorted(baseline)) : NaN;
    return { usual, total: spend(month.start) };
  });
  if (!(usual >= MIN_BASELINE_CENTS)) return undefined;
  const line = Math.max(usual * MIN_RATIO, usual + MIN_EXCESS_CENTS);
  if (total < line) return undefined; // the whole month stays under: no transaction crosses
  const upTo = history
    .inCategory(t.accountId, t.category, month.start, addDays(t.date, 1))
    .filter((r) => r.id === t.id || isBefore(r, t));
  const after = spendOf(upTo, t.currency);
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
    description: `${categoryNoun(t.category)} this month reached ${money(after, t.currency)}; a usual month is about ${money(usual, t.currency)}`,
  };
}
