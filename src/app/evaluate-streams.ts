import type { Alert } from '../core/alert';
import { addDays, localDate } from '../core/dates';
import { formatMoney, parseMoney } from '../core/money';
import { cadenceSpec } from '../core/recurring/cadence';
import { insertMarkedAlert } from '../storage/alerts-repo';
import { listStreams, type StoredStream } from '../storage/streams-repo';
import type { AppContext } from './context';
import { alertChannels } from './deliver-alerts';
import { currentStreams } from './recurring';
import { getSettings } from './settings';
import { upcoming } from './upcoming';

/** Days past the predicted date before pay is late (it is news at once), and a bill. */
const LATE_AFTER_DAYS = { income: 2, other: 5 };
/** A subscription whose first charge is this recent is announced (it takes three charges to be a stream). */
const NEW_WITHIN_DAYS = 100;
/** How far ahead the low-balance alert looks. */
const HORIZON_DAYS = 30;

/**
 * After a sync: what the streams say, through the outbox, each once (alert_marks): a bill
 * or pay that has not come (once per predicted date), a subscription that started
 * charging, a stream that ended, and an account projected below `alerts.low_balance`
 * (once per account and dip, a dip known by the day the balance goes under). Streams the
 * person ignores say nothing.
 */
export async function evaluateStreams(ctx: AppContext): Promise<Alert[]> {
  const settings = await getSettings(ctx);
  const channels = alertChannels(settings);
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  currentStreams(ctx, { all: false });
  const streams = listStreams(ctx.sqlite, { all: true }).filter((s) => s.ignoredAt === null);
  // A stream is new only where the account has history from before it: the first sync of
  // a freshly linked bank makes everything look new.
  // Each account's first date is one seek of the account-date index (grouping every row
  // by account read a million rows).
  const firstOf = ctx.sqlite.prepare('SELECT min(date) FROM transactions WHERE account_id = ? AND removed = 0').pluck();
  const firstRow = new Map<number, string | null>();
  const accountSince = (s: StoredStream) => {
    if (!firstRow.has(s.accountId)) firstRow.set(s.accountId, firstOf.get(s.accountId) as string | null);
    return firstRow.get(s.accountId) ?? s.firstDate;
  };
  const fired: Alert[] = [];
  const fire = (mark: string, type: Alert['type'], message: string, category: string | null = null) => {
    const alert = insertMarkedAlert(ctx.sqlite, { mark, type, category, message, createdAt: nowIso, channels });
    if (alert) fired.push(alert);
  };
  for (const s of streams) {
    const money = formatMoney(Math.abs(s.amountCents), s.currency);
    if (s.status === 'ended') {
      // Only one that stopped lately: a history of years holds many that ended long ago.
      if (addDays(s.lastDate, Math.round(cadenceSpec(s.cadence).days * 3) + 30) < today) continue;
      fire(`ended:${s.key}`, 'stream_ended', streamEndedText(s));
      continue;
    }
    const grace = s.kind === 'income' ? LATE_AFTER_DAYS.income : LATE_AFTER_DAYS.other;
    if (s.status === 'mature' && s.kind !== 'transfer' && addDays(s.nextDate, grace) < today) {
      fire(`late:${s.key}:${s.nextDate}`, 'stream_late', streamLateText(s, money));
    }
    // A new charge that repeats is what a free trial turning paid looks like, whatever the shop is called.
    const charge = s.kind === 'subscription' || s.kind === 'bill';
    if (charge && addDays(s.firstDate, NEW_WITHIN_DAYS) >= today && addDays(accountSince(s), 30) < s.firstDate) {
      fire(`new:${s.key}`, 'new_subscription', newSubscriptionText(s, money));
    }
  }
  const threshold = settings['alerts.low_balance'];
  if (threshold !== null) {
    const u = await upcoming(ctx, HORIZON_DAYS);
    for (const a of u.accounts) {
      if (a.account.type === 'credit' || a.account.type === 'loan') continue;
      const floor = parseMoney(threshold, { currency: a.account.currency });
      if (floor === undefined || a.lowCents >= floor) continue;
      fire(`low:${a.accountId}:${a.lowDate.slice(0, 7)}`, 'low_balance', lowBalanceText(a.account, a.lowCents, a.lowDate, floor));
    }
  }
  return fired;
}

type StreamWords = Pick<StoredStream, 'merchant' | 'kind' | 'cadence'>;

/** A stream that stopped: `Netflix (subscription, monthly) has stopped: last on 2026-09-15`. */
export function streamEndedText(s: StreamWords & Pick<StoredStream, 'lastDate'>): string {
  return `${s.merchant} (${s.kind}, ${s.cadence}) has stopped: last on ${s.lastDate}`;
}

/** A bill or pay that has not come; `money` is its amount as shown. */
export function streamLateText(s: StreamWords & Pick<StoredStream, 'nextDate'>, money: string): string {
  return `${s.merchant} is late: ${money} expected on ${s.nextDate}${s.kind === 'income' ? '' : ' (check it was paid)'}`;
}

/** An account heading below `alerts.low_balance` within the horizon. */
export function lowBalanceText(
  account: { name: string; currency: string },
  lowCents: number,
  lowDate: string,
  floorCents: number,
): string {
  return `${account.name} is projected to fall to ${formatMoney(lowCents, account.currency)} on ${lowDate}, below ${formatMoney(floorCents, account.currency)}`;
}

/** A subscription or bill that started charging lately. */
export function newSubscriptionText(s: StreamWords & Pick<StoredStream, 'firstDate'>, money: string): string {
  return `${s.kind === 'subscription' ? 'new subscription' : 'new recurring charge'}: ${s.merchant}, ${money} ${s.cadence}, first charged ${s.firstDate}`;
}
