import type { Alert } from '../core/alert';
import type { BudgetStatus } from '../core/budget';
import { type Account, netWorth as balanceTotals } from '../core/connection';
import { addMonths, localDate } from '../core/dates';
import { listAccounts } from '../storage/accounts-repo';
import { categoryTree } from '../storage/categories-repo';
import { type CategorySpend, spendingByCategory, spendingByMonth } from '../storage/spending-repo';
import { alertDeliveries, openAlerts } from './alerts';
import type { DeliveryState } from '../storage/alert-deliveries-repo';
import { anomaliesOver } from './anomalies';
import { budgetStatuses } from './budgets';
import type { AppContext } from './context';
import { netWorth } from './report';
import { type Upcoming, upcoming } from './upcoming';
import { type DaemonStatus, readDaemonStatus } from './daemon-status';
import type { StoredAnomaly } from '../storage/anomalies-repo';
import { rateBookFor } from './fx/rate-book';
import { homeHeaderWorth, homeSpending, homeSpendingTrend, homeWorthTrend } from './fx/dashboard-home';

/** Open anomalies the dashboard lists: the last 90 days, newest first, at most this many. */
const ANOMALY_LIMIT = 200;

/** Unread alerts whose deliveries are read: the newest, more than the alerts dialog ever shows. */
const DELIVERY_ALERT_LIMIT = 50;

/**
 * What the dashboard shows apart from the transaction list (read in pages) and the
 * trend (read after the first frame). Every query here is bounded by an index range or
 * a small table, so the first frame does not wait on the size of the history.
 */
export interface DashboardSnapshot {
  today: string;
  accounts: Account[];
  netWorth: [currency: string, cents: number][];
  lastSyncAt: string | null;
  daemon: DaemonStatus;
  alerts: Alert[];
  /** Each channel's delivery (`alerts --json` deliveries) of the newest alerts, by alert id. */
  deliveries: Map<number, DeliveryState[]>;
  budgets: BudgetStatus[];
  anomalies: StoredAnomaly[];
  spending: CategorySpend[];
  /** Every category in tree order (categories-repo.ts categoryTree). */
  categories: string[];
  /** Those of them under a top-level one (shown indented). */
  subcategories: string[];
}

export async function loadDashboardSnapshot(ctx: AppContext): Promise<DashboardSnapshot> {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const accounts = await listAccounts(ctx.db);
  const lastSyncAt = accounts.reduce<string | null>(
    (latest, a) => (a.lastSyncedAt !== null && (latest === null || a.lastSyncedAt > latest) ? a.lastSyncedAt : latest),
    null,
  );
  const anomalies = await anomaliesOver(ctx, { days: 90, all: false, recompute: false });
  const tree = await categoryTree(ctx.db);
  // One net worth and one spending scale in the home currency (app/fx/dashboard-home.ts).
  const book = rateBookFor(ctx);
  const header = await homeHeaderWorth(ctx, accounts, book, [...balanceTotals(accounts)]);
  const home = header.worth[0]?.[0] ?? 'EUR';
  const alerts = await openAlerts(ctx, false);
  return {
    today,
    accounts,
    netWorth: header.worth,
    lastSyncAt,
    daemon: await readDaemonStatus(ctx),
    alerts,
    // Newest first, so the bound leaves out only alerts the dialog has no room for.
    deliveries: await alertDeliveries(
      ctx,
      alerts.slice(0, DELIVERY_ALERT_LIMIT).map((a) => a.id),
    ),
    budgets: await budgetStatuses(ctx),
    anomalies: anomalies.slice(0, ANOMALY_LIMIT),
    // This month's, as budgets and `categories` count it (core/spent.ts: pending charges included).
    spending: homeSpending(
      spendingByCategory(ctx.sqlite, `${today.slice(0, 7)}-01`, `${today.slice(0, 7)}-31`),
      home,
      book,
      today,
    ),
    categories: tree.names,
    subcategories: tree.children,
  };
}

/** The trend panel's two charts, read after the first frame. */
export interface Trends {
  spending: MonthlyTrend[];
  /** Net worth at each month end (this month's is today's), as `finagg report networth`. */
  worth: MonthlyTrend[];
  /** The next 30 days: bills and pay, and each account's projected low (`finagg upcoming`). */
  upcoming: Upcoming;
}

export async function loadTrends(ctx: AppContext, months = 6): Promise<Trends> {
  const book = rateBookFor(ctx);
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const worth = loadNetWorthTrend(ctx, months);
  const spending = await loadMonthlyTrend(ctx, months);
  // The home currency is the header's: the first of the net worth the person reads.
  const accounts = await listAccounts(ctx.db);
  const header = await homeHeaderWorth(ctx, accounts, book, [...balanceTotals(accounts)]);
  const home = header.worth[0]?.[0] ?? 'EUR';
  return {
    spending: homeSpendingTrend(spending, home, book, today),
    worth: await homeWorthTrend(ctx, worth, lastMonths(today, months), book),
    // Bills and balances stay per account: a projection is in the account's own money.
    upcoming: await upcoming(ctx, 30),
  };
}

/** The last `months` month ends of net worth per currency, the currency with the most first. */
export function loadNetWorthTrend(ctx: AppContext, months = 6): MonthlyTrend[] {
  const names = lastMonths(localDate(ctx.clock.nowMs(), ctx.timeZone), months);
  const byCurrency = new Map<string, Map<string, number>>();
  for (const p of netWorth(ctx, { from: names[0], to: names.at(-1) })) {
    if (!byCurrency.has(p.currency)) byCurrency.set(p.currency, new Map());
    byCurrency.get(p.currency)!.set(p.month, p.netWorthCents);
  }
  const size = (m: Map<string, number>) => Math.abs(m.get(names.at(-1)!) ?? 0);
  return [...byCurrency]
    .sort((a, b) => size(b[1]) - size(a[1]))
    .map(([currency, byMonth]) => ({
      currency,
      // A month before the history began has no point: the chart starts where the rows do.
      months: names.filter((month) => byMonth.has(month)).map((month) => ({ month, cents: byMonth.get(month)! })),
    }));
}

/** `months` month names (`YYYY-MM`) ending with today's, oldest first. */
function lastMonths(today: string, months: number): string[] {
  return Array.from({ length: months }, (_, i) => addMonths(today.slice(0, 7), i - months + 1));
}

export interface MonthlyTrend {
  currency: string;
  /** Oldest first; the last is the month so far. */
  months: { month: string; cents: number }[];
}

/** Spending per month over the last `months` months (this one included), per currency, main currency first. */
export async function loadMonthlyTrend(ctx: AppContext, months = 6): Promise<MonthlyTrend[]> {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const names = lastMonths(today, months);
  const rows = spendingByMonth(ctx.sqlite, `${names[0]}-01`, `${today.slice(0, 7)}-31`);
  const byCurrency = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!byCurrency.has(r.currency)) byCurrency.set(r.currency, new Map());
    byCurrency.get(r.currency)!.set(r.month, r.cents);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [...byCurrency]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .map(([currency, byMonth]) => ({ currency, months: names.map((month) => ({ month, cents: byMonth.get(month) ?? 0 })) }));
}
