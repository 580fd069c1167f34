import type { Account } from '../core/connection';
import { addDays, localDate } from '../core/dates';
import { project, type Projection, upcomingItems, type UpcomingItem, weekdayRates } from '../core/recurring/upcoming';
import { listAccounts } from '../storage/accounts-repo';
import type { AppContext } from './context';
import { currentStreams } from './recurring';

/** Weeks of everyday spending behind the usual rate of a weekday. */
const RATE_WEEKS = 12;

export interface Upcoming {
  today: string;
  days: number;
  items: UpcomingItem[];
  accounts: (Projection & { account: Account })[];
}

/** `finagg upcoming`: the streams' next occurrences and each open account's projected balance. */
export async function upcoming(ctx: AppContext, days: number): Promise<Upcoming> {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const streams = currentStreams(ctx, { all: false });
  const ids = JSON.stringify(streams.flatMap((s) => s.transactionIds));
  const dates = new Map(
    (
      ctx.sqlite.prepare('SELECT id, date FROM transactions WHERE id IN (SELECT value FROM json_each(?))').all(ids) as {
        id: number;
        date: string;
      }[]
    ).map((r) => [r.id, r.date]),
  );
  const items = upcomingItems(
    streams.map((s) => ({
      ...s,
      dates: s.transactionIds.map((id) => dates.get(id)).filter((d): d is string => d !== undefined),
    })),
    today,
    days,
  );
  // Everyday spending: money out that no stream explains and no transfer between own accounts is.
  const from = addDays(today, -7 * RATE_WEEKS);
  const to = addDays(today, -1);
  const daily = ctx.sqlite
    .prepare(
      `SELECT account_id, date, sum(amount_cents) AS cents FROM transactions
       WHERE removed = 0 AND pending = 0 AND date BETWEEN ? AND ? AND amount_cents < 0 AND transfer_id IS NULL
         AND id NOT IN (SELECT value FROM json_each(?))
       GROUP BY account_id, date`,
    )
    .all(from, to, ids) as { account_id: number; date: string; cents: number }[];
  const accounts = await listAccounts(ctx.db);
  return {
    today,
    days,
    items,
    accounts: accounts.map((account) => {
      const totals = new Map(daily.filter((d) => d.account_id === account.id).map((d) => [d.date, d.cents]));
      const rates = weekdayRates(totals, from, to);
      return { ...project({ id: account.id, balanceCents: account.balanceCents }, items, rates, today, days), account };
    }),
  };
}
