import { addDays } from '../dates';
import type { AnomalyHistory } from './history';
import { money } from './money-text';
import { type AnomalyTx, chargeOf, type Finding, isFee, NOT_SPENDING } from './types';

/** Days of history an account needs before a merchant can be new to the household on it. */
const MIN_HISTORY_DAYS = 30;

/**
 * The first purchase at a merchant no account of the household has paid, once t's
 * account has a month of history. Low severity: worth a glance. `seenBefore` answers
 * from all of the stored history, beyond the loaded window.
 *
 * The month counts from the account's first row, not the household's: an account's
 * history starts where its bank's does (a card linked today comes with its last 90
 * days), so the shops of its first weeks are habits finagg had no way to see, not news.
 * Waiting for the household alone would flag each of them at linking. What the other
 * accounts know still counts from the first day: a shop paid from another account is
 * never new on this one.
 */
export function newMerchant(t: AnomalyTx, history: AnomalyHistory, seenBefore: (t: AnomalyTx) => boolean): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  // An ATM is no merchant: which machine gave the cash says nothing about the spending.
  if (t.category === 'cash') return undefined;
  const start = history.accountStarts().get(t.accountId);
  if (start === undefined || start > addDays(t.date, -MIN_HISTORY_DAYS)) return undefined;
  if (history.householdPaidBefore(t) || seenBefore(t)) return undefined;
  return {
    transactionId: t.id,
    accountId: t.accountId,
    type: 'new_merchant',
    severity: 'low',
    score: 1,
    description: `${isFee(t) ? `first ${chargeOf(t)}` : `first time ${chargeOf(t)}`}: ${money(-t.amountCents, t.currency)}`,
  };
}
