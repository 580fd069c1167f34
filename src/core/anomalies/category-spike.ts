import { addMonths } from '../dates';
import { comparedSpend, unseenAccounts } from './compared-accounts';
import { type AnomalyHistory, spendOf } from './history';
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
 * median of the six before), for the household: every account of the currency counts,
 * so purchases moved from one card to another are no spike and a jump spread over two
 * cards is one. Flagged once, on the transaction, of whichever account, that carried the
 * month over the line.
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
  const month = t.date.slice(0, 7);
  const key = `spike:${t.category}:${t.currency}:${month}`;
  // The month's total and its usual level, once per category, currency and month.
  const { unseen, usual, total } = history.remember(key, () => {
    const unseen = unseenAccounts(history, month, BASELINE_MONTHS);
    const spend = (m: string) => comparedSpend(history, unseen, t.category, t.currency, m);
    const baseline: number[] = [];
    for (let i = 1; i <= BASELINE_MONTHS; i++) {
      const spent = spend(addMonths(month, -i));
      if (spent > 0) baseline.push(spent);
    }
    const usual = baseline.length >= MIN_BASELINE_MONTHS ? median(sorted(baseline)) : NaN;
    return { unseen, usual, total: spend(month) };
  });
  if (!(usual >= MIN_BASELINE_CENTS) || unseen.has(t.accountId)) return undefined;
  const line = Math.max(usual * MIN_RATIO, usual + MIN_EXCESS_CENTS);
  if (total < line) return undefined; // the whole month stays under: no transaction crosses
  // The month as it stood when t arrived: the rows stored before it (lower ids), whatever
  // their date. Cards post days late and sync apart, so in date order the crossing row
  // could be one checked long ago, under the line then, and the spike never said; in
  // arrival order it is always among a sync's new rows, and a recheck finds the same one.
  const upTo = history
    .householdInCategory(t.category, `${month}-01`, `${addMonths(month, 1)}-01`)
    .filter((r) => r.id <= t.id && !unseen.has(r.accountId));
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
