import { addDays } from '../dates';
import type { AnomalyHistory, HistoryRow } from './history';
import { categoryNoun } from '../words';
import { money, moneyRange } from './money-text';
import { type Ascending, quantile, robustScore, sorted } from './robust';
import { type AnomalyTx, chargeOf, type Finding, isFee, merchantKey, NOT_SPENDING, type Severity } from './types';

/** Days of history an amount is compared with. */
export const WINDOW_DAYS = 90;
/** How far back a merchant counts as one the person knows. */
const MERCHANT_YEAR_DAYS = 365;
/** Samples needed before anything is called unusual: three samples say nothing. */
const MIN_MERCHANT_SAMPLES = 5;
const MIN_CATEGORY_SAMPLES = 12;
/** Robust standard deviations above typical, and times the typical amount. */
const MIN_SCORE = 6;
const MIN_RATIO = 2.5;

/**
 * A purchase far larger than what the person usually spends there: against the same
 * merchant when the person paid it within a year (its 90 days before, or its year when
 * those are thin), else against the category's 90 days before.
 */
export function unusualAmount(t: AnomalyTx, history: AnomalyHistory): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  const size = -t.amountCents;
  // The days before the transaction's date: shared by every transaction of that day.
  const window = (kind: string, rows: (from: string) => readonly HistoryRow[], days: number) =>
    history.remember(`unusual:${kind}:${t.currency}:${t.date}`, () => {
      const sizes: number[] = [];
      for (const r of rows(addDays(t.date, -days)))
        if (r.amountCents < 0 && r.currency === t.currency && !r.pending) sizes.push(-r.amountCents);
      return sorted(sizes);
    });
  // A merchant the person has paid within a year is judged against itself only: a
  // concert ticket or a yearly plan is dear next to the category's coffees, not unusual.
  const atMerchant = (from: string) => history.atMerchant(t, from, t.date);
  const recent = window(`m90:${t.accountId}:${merchantKey(t)}`, atMerchant, WINDOW_DAYS);
  const year =
    recent.length >= MIN_MERCHANT_SAMPLES
      ? recent
      : window(`m365:${t.accountId}:${merchantKey(t)}`, atMerchant, MERCHANT_YEAR_DAYS);
  const [samples, where]: [Ascending, string] =
    year.length >= MIN_MERCHANT_SAMPLES
      ? [year, isFee(t) ? 'it is usually' : 'your purchases there are usually']
      : year.length > 0
        ? [sorted([]), '']
        : [
            window(
              `c:${t.accountId}:${t.category}`,
              (from) => history.inCategory(t.accountId, t.category, from, t.date),
              WINDOW_DAYS,
            ),
            `your ${categoryNoun(t.category)} are usually`,
          ];
  if (samples.length < (year.length > 0 ? MIN_MERCHANT_SAMPLES : MIN_CATEGORY_SAMPLES)) return undefined;
  const score = robustScore(samples, size);
  const typical = quantile(samples, 0.5);
  if (score < MIN_SCORE || size < MIN_RATIO * typical) return undefined;
  const severity: Severity = score >= 20 ? 'high' : score >= 10 ? 'medium' : 'low';
  return {
    transactionId: t.id,
    accountId: t.accountId,
    type: 'unusual_amount',
    severity,
    score: Math.round(score * 10) / 10,
    description: `${money(size, t.currency)} ${chargeOf(t)}; ${where} ${moneyRange(quantile(samples, 0.1), quantile(samples, 0.9), t.currency)}`,
  };
}
