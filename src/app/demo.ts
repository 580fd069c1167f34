import { localDate } from '../core/dates';
import { type CategorySpend, spendingByCategory } from '../storage/spending-repo';
import type { Account } from '../core/connection';
import type { SyncRun } from '../core/sync-run';
import { listAccounts } from '../storage/accounts-repo';
import { findLiveConnection } from '../storage/connections-repo';
import type { BudgetStatus } from '../core/budget';
import { periodContaining, previousPeriod } from '../core/budget-period';
import { listBudgets, mainCurrency, spentBetween } from '../storage/budgets-repo';
import { type AfterSync, afterSync } from './after-sync';
import { lastTransactionId } from './anomalies';
import { budgetStatuses, calendar, setBudget } from './budgets';
import type { AppContext } from './context';
import { linkBank } from './link';
import { importSimulatedRates } from './rates/simulated-rates';
import { getSettings, setSetting } from './settings';
import { type SyncProgress, syncAccounts } from './sync';

export interface DemoSummary {
  linked: string[];
  runs: SyncRun[];
  accounts: Account[];
  transactions: number;
  /** Money out by category in the current month, largest first, in cents per currency. */
  spending: CategorySpend[];
  /** Sample budgets set by this run (none when the home had budgets). */
  budgetsSet: string[];
  budgets: BudgetStatus[];
  after: AfterSync;
}

/**
 * Links the simulated banks (approving consent: this is a demo of the flow, not of a
 * person's real bank), syncs them, imports the simulated reference rates of their days,
 * and sums up. Safe to run again: banks already linked
 * are kept, and the sync adds only what is new.
 */
export async function runDemo(ctx: AppContext, onProgress?: (p: SyncProgress) => void): Promise<DemoSummary> {
  const linked: string[] = [];
  // The simulated banks only: a real provider (SimpleFIN) needs the person's own token.
  for (const provider of ctx.providers.values()) {
    if (provider.link.method !== 'oauth_code') continue;
    const existing = await findLiveConnection(ctx.db, provider.id);
    if (existing && existing.status !== 'needs_relink') continue;
    await linkBank(ctx, { providerId: provider.id, confirm: async () => true });
    linked.push(provider.id);
  }
  const sinceId = lastTransactionId(ctx);
  const runs = await syncAccounts(ctx, { full: false, trigger: 'manual', onProgress });
  const budgetsSet = await sampleBudgets(ctx);
  // The household holds dollars and euros: the simulated world's reference rates (never
  // the ECB's) value them as one net worth, in dollars unless the person chose otherwise.
  await importSimulatedRates(ctx);
  if ((await getSettings(ctx))['currency.home'] === null) await setSetting(ctx, 'currency.home', 'USD');
  const after = await afterSync(ctx, sinceId);
  // This month's spending as every view counts it (core/spent.ts): pending charges included, and named.
  const month = localDate(ctx.clock.nowMs(), ctx.timeZone).slice(0, 7);
  const spending = spendingByCategory(ctx.sqlite, `${month}-01`, `${month}-31`);
  const count = await ctx.db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('removed', '=', 0)
    .executeTakeFirstOrThrow();
  return {
    linked,
    runs,
    accounts: await listAccounts(ctx.db),
    transactions: Number(count.n),
    spending,
    budgetsSet,
    budgets: await budgetStatuses(ctx),
    after,
  };
}

/**
 * Sample budgets, only in a home that has none (a person's own are never touched). Each
 * is the category's usual period (the median of the last six whole ones, so a month with
 * a holiday or a spike does not set it) plus a tenth, rounded up to $25 ($5 a week): what a person
 * who looked at their history would set, so the bars say something.
 */
async function sampleBudgets(ctx: AppContext): Promise<string[]> {
  if ((await listBudgets(ctx.db)).length > 0) return [];
  const { today, weekStart } = await calendar(ctx);
  const currency = (await mainCurrency(ctx.db)) ?? 'USD';
  const samples = [
    { category: 'groceries', period: 'monthly' as const },
    { category: 'entertainment', period: 'monthly' as const },
    { category: 'dining', period: 'weekly' as const },
  ];
  for (const b of samples) {
    const spent: number[] = [];
    let range = periodContaining(today, b.period, weekStart);
    for (let i = 0; i < USUAL_PERIODS; i++) {
      range = previousPeriod(range, b.period, weekStart);
      spent.push(await spentBetween(ctx.db, b.category, currency, range.start, range.end));
    }
    const step = b.period === 'weekly' ? 5_00 : 25_00;
    const amountCents = Math.max(step, Math.ceil((median(spent) * 1.1) / step) * step);
    await setBudget(ctx, { ...b, amountCents, currency, alertAt: [80, 100], rollover: false, create: false });
  }
  return samples.map((b) => b.category);
}

const USUAL_PERIODS = 6;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] ?? 0) + (sorted[Math.ceil(mid)] ?? 0)) / 2;
}
