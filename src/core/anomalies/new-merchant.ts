import { addDays } from '../dates';
import type { AnomalyHistory } from './history';
import { money } from './money-text';
import { type AnomalyTx, type Finding, NOT_SPENDING, merchantName } from './types';

/** Days of history an account needs before a merchant can be new to it. */
const MIN_HISTORY_DAYS = 30;

/**
 * The first purchase at a merchant the account has never paid, once the account has a
 * month of history (before that, everything is new). Low severity: worth a glance.
 * `seenBefore` answers from all of the stored history, beyond the loaded window.
 */
export function newMerchant(t: AnomalyTx, history: AnomalyHistory, seenBefore: (t: AnomalyTx) => boolean): Finding | undefined {
  if (t.amountCents >= 0 || t.pending || NOT_SPENDING.has(t.category)) return undefined;
  // An ATM is no merchant: which machine gave the cash says nothing about the spending.
  if (t.category === 'cash') return undefined;
  const start = history.accountStart(t.accountId);
  if (start === undefined || start > addDays(t.date, -MIN_HISTORY_DAYS)) return undefined;
  if (history.paidBefore(t) || seenBefore(t)) return undefined;
  return {
    transactionId: t.id,
    accountId: t.accountId,
    type: 'new_merchant',
    severity: 'low',
    score: 1,
    description: `first time at ${merchantName(t)}: ${money(-t.amountCents, t.currency)}`,
  };
}
