import { addMonths } from '../dates';
import type { AnomalyHistory } from './history';

/**
 * The accounts a household's month is not compared on: those whose history begins after
 * the first of the `baselineMonths` months before `month` and after the household's own
 * first month (`YYYY-MM`). Such an account's earlier months are unseen, not empty: a card
 * linked with the 90 days its bank gives spent before, where no row shows it, so its new
 * months against household months without it would make each of its categories spike at
 * linking. A card opened mid-history is left out alike until its history covers a
 * baseline: purchases moved onto it show as a drop on the old card, never as a spike.
 */
export function unseenAccounts(history: AnomalyHistory, month: string, baselineMonths: number): ReadonlySet<number> {
  const starts = [...history.accountStarts()].map(([id, date]) => [id, date.slice(0, 7)] as const);
  if (starts.length === 0) return new Set();
  const household = starts.reduce((first, [, start]) => (start < first ? start : first), starts[0]![1]);
  const baseline = addMonths(month, -baselineMonths);
  const since = baseline > household ? baseline : household;
  return new Set(starts.filter(([, start]) => start > since).map(([id]) => id));
}

/** What the household's accounts, less the unseen ones, spent in a category and currency over a month. */
export function comparedSpend(
  history: AnomalyHistory,
  unseen: ReadonlySet<number>,
  category: string,
  currency: string,
  month: string,
): number {
  let spend = history.householdMonthSpend(category, currency, month);
  for (const accountId of unseen) spend -= history.monthSpend(accountId, category, currency, month);
  return spend;
}
