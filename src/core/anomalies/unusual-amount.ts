import { addDays } from '../dates';
import { between, type History } from './history';
import { money, moneyRange } from './money-text';
import { quantile, robustScore, sorted } from './robust';
import { type AnomalyTx, type Finding, merchantKey, merchantName, NOT_SPENDING, type Severity } from './types';

/** Days of history an amount is compared with. */
const WINDOW_DAYS = 90;
/** Samples needed before anything is called unusual: three samples say nothing. */
const MIN_MERCHANT_SAMPLES = 5;
const MIN_CATEGORY_SAMPLES = 12;
/** Robust standard deviations above typical, and times the typical amount. */
const MIN_SCORE = 6;
const MIN_RATIO = 2.5;

/**
 * A purchase far larger than what the person usually spends there: against the same
 * merchant when it has history, else against the category, over the 90 days before its date.
 */
export function unusualAmount(t: AnomalyTx, history: History): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  const size = -t.amountCents;
  // The 90 days before the transaction's date: shared by every transaction of that day.
  const window = (kind: string, rows: readonly AnomalyTx[]) =>
    history.remember(`unusual:${kind}:${t.currency}:${t.date}`, () =>
      sorted(
        between(rows, addDays(t.date, -WINDOW_DAYS), t.date)
          .filter((r) => r.amountCents < 0 && r.currency === t.currency && !r.pending)
          .map((r) => -r.amountCents),
      ),
    );
  const atMerchant = window(`m:${t.accountId}:${merchantKey(t)}`, history.atMerchant(t));
  const inCategory =
    atMerchant.length >= MIN_MERCHANT_SAMPLES
      ? []
      : window(`c:${t.accountId}:${t.category}`, history.inCategory(t.accountId, t.category));
  const [samples, where] =
    atMerchant.length >= MIN_MERCHANT_SAMPLES
      ? [atMerchant, `your ${t.category} there are usually`]
      : inCategory.length >= MIN_CATEGORY_SAMPLES
        ? [inCategory, `your ${t.category} purchases are usually`]
        : [[], ''];
  if (samples.length === 0) return undefined;
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
    description: `${money(size, t.currency)} at ${merchantName(t)}; ${where} ${moneyRange(quantile(samples, 0.1), quantile(samples, 0.9), t.currency)}`,
  };
}
