import type { Account } from '../core/connection';
import type { SyncRun } from '../core/sync-run';
import { listAccounts } from '../storage/accounts-repo';
import { findLiveConnection } from '../storage/connections-repo';
import type { AppContext } from './context';
import { linkBank } from './link';
import { type SyncProgress, syncAccounts } from './sync';

export interface DemoSummary {
  linked: string[];
  runs: SyncRun[];
  accounts: Account[];
  transactions: number;
  /** Money out by category in the current month, largest first, in cents per currency. */
  spending: { category: string; currency: string; cents: number }[];
}

/**
 * Links the simulated banks (approving consent: this is a demo of the flow, not of a
 * person's real bank), syncs them, and sums up. Safe to run again: banks already linked
 * are kept, and the sync adds only what is new.
 */
export async function runDemo(ctx: AppContext, onProgress?: (p: SyncProgress) => void): Promise<DemoSummary> {
  const linked: string[] = [];
  for (const provider of ctx.providers.values()) {
    const existing = await findLiveConnection(ctx.db, provider.id);
    if (existing && existing.status !== 'needs_relink') continue;
    await linkBank(ctx, { providerId: provider.id, confirm: async () => true });
    linked.push(provider.id);
  }
  const runs = await syncAccounts(ctx, { full: false, trigger: 'manual', onProgress });
  const monthStart = new Date(ctx.clock.nowMs()).toISOString().slice(0, 8) + '01';
  const spending = await ctx.db
    .selectFrom('transactions')
    .select(['category', 'currency', (eb) => eb.fn.sum<number>('amount_cents').as('cents')])
    .where('removed', '=', 0)
    .where('amount_cents', '<', 0)
    .where('date', '>=', monthStart)
    .where('category', 'not in', ['transfer', 'income'])
    .groupBy(['category', 'currency'])
    .orderBy('cents')
    .execute();
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
    spending: spending.map((s) => ({ category: s.category, currency: s.currency, cents: -Number(s.cents) })),
  };
}
