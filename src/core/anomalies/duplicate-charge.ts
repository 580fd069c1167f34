import { addDays } from '../dates';
import { type AnomalyHistory, isBefore } from './history';
import { money } from './money-text';
import { type AnomalyTx, chargeOf, type Finding, NOT_SPENDING } from './types';

/** Charges of one amount at one merchant this close (dates, so 48 hours is two days). */
const WITHIN_DAYS = 2;
/** Earlier charges of the same amount that make it a habit (a daily coffee, a plan). */
const HABIT_COUNT = 2;

/**
 * A second charge of the same amount at the same merchant within 48 hours, under another
 * id: the later one is flagged. Not when the amount is a habit there, or the charge is
 * still pending (its posted record may simply not have replaced it yet).
 */
export function duplicateCharge(t: AnomalyTx, history: AnomalyHistory): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  const close = history
    .atMerchant(t, addDays(t.date, -WITHIN_DAYS), addDays(t.date, 1))
    .filter((r) => r.id !== t.id && !r.pending && r.amountCents === t.amountCents && isBefore(r, t));
  if (close.length === 0) return undefined;
  const first = close[0]!;
  // The 90 days before the first of them, and its own day's rows before it.
  const habit = history
    .atMerchant(t, addDays(first.date, -90), addDays(first.date, 1))
    .filter((r) => isBefore(r, first) && r.amountCents === t.amountCents).length;
  if (habit >= HABIT_COUNT) return undefined;
  return {
    transactionId: t.id,
    accountId: t.accountId,
    type: 'duplicate_charge',
    severity: 'medium',
    score: 1,
    // One day is said once: "twice on 2026-11-06", not "on 2026-11-06 and 2026-11-06".
    description: `${money(-t.amountCents, t.currency)} ${chargeOf(t)} twice${
      first.date === t.date ? ` on ${t.date}` : `: on ${first.date} and ${t.date}`
    }`,
  };
}
