import { addDays, weekday } from '../dates';
import type { Cadence } from './cadence';
import { predictNext } from './next-date';

/**
 * What is coming and where each balance is heading (`finagg upcoming`). Pure: streams,
 * balances and the everyday rate in; items and projections out.
 *
 * Each stream's occurrences in the horizon are predicted one after another from its
 * dates; one already late is expected today. Everyday spending (what no stream explains)
 * goes on at the account's usual rate for the weekday: the median of that weekday's
 * totals over the recent weeks, days without spending counted as nothing spent, so one
 * big purchase does not move it.
 */
export interface UpcomingStream {
  id: number;
  accountId: number;
  merchant: string;
  kind: string;
  cadence: Cadence;
  amountCents: number;
  /** The stream's dates, oldest first. */
  dates: string[];
  nextDate: string;
}

export interface UpcomingItem {
  date: string;
  accountId: number;
  merchant: string;
  kind: string;
  amountCents: number;
  streamId: number;
  /** Its predicted date has passed and it has not come. */
  late: boolean;
}

export interface Projection {
  accountId: number;
  balanceCents: number;
  lowCents: number;
  lowDate: string;
  endCents: number;
}

export function upcomingItems(streams: readonly UpcomingStream[], today: string, days: number): UpcomingItem[] {
  const end = addDays(today, days);
  const items: UpcomingItem[] = [];
  for (const s of streams) {
    const dates = [...s.dates];
    let next = s.nextDate;
    for (let guard = 0; next <= end && guard < 400; guard++) {
      const late = next < today;
      items.push({
        date: late ? today : next,
        accountId: s.accountId,
        merchant: s.merchant,
        kind: s.kind,
        amountCents: s.amountCents,
        streamId: s.id,
        late,
      });
      dates.push(next);
      next = predictNext(dates, s.cadence);
    }
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.accountId - b.accountId || a.streamId - b.streamId);
}

/** The usual everyday spending of each weekday (0 Sunday), from the daily totals of recent weeks. */
export function weekdayRates(dailyTotals: ReadonlyMap<string, number>, from: string, to: string): number[] {
  const byWeekday: number[][] = [[], [], [], [], [], [], []];
  for (let d = from; d <= to; d = addDays(d, 1)) byWeekday[weekday(d)]!.push(dailyTotals.get(d) ?? 0);
  return byWeekday.map((values) => {
    if (values.length === 0) return 0;
    const sorted = values.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  });
}

export function project(
  account: { id: number; balanceCents: number },
  items: readonly UpcomingItem[],
  rates: readonly number[],
  today: string,
  days: number,
): Projection {
  const byDate = new Map<string, number>();
  for (const item of items) {
    if (item.accountId === account.id) byDate.set(item.date, (byDate.get(item.date) ?? 0) + item.amountCents);
  }
  // Today counts from the balance now, then what is still expected today.
  let balance = account.balanceCents + (byDate.get(today) ?? 0);
  let low = Math.min(account.balanceCents, balance);
  let lowDate = today;
  for (let i = 1; i <= days; i++) {
    const date = addDays(today, i);
    balance += (byDate.get(date) ?? 0) + (rates[weekday(date)] ?? 0);
    if (balance < low) {
      low = balance;
      lowDate = date;
    }
  }
  return { accountId: account.id, balanceCents: account.balanceCents, lowCents: low, lowDate, endCents: balance };
}
