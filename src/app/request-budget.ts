import { budgetDay, budgetStatus, type BudgetStatus, describeReset } from '../core/request-budget';
import { ProviderError } from '../providers/errors';
import type { BankProvider, RequestMeter } from '../providers/provider';
import { readRequestCount, spendRequest } from '../storage/request-budget-repo';
import type { AppContext } from './context';

/** The meter of a linked connection: each request is counted in the database first. */
export function connectionMeter(ctx: AppContext, connectionId: number, provider: BankProvider): RequestMeter | undefined {
  const limit = provider.limits?.requestsPerDay;
  if (limit === undefined) return undefined;
  return {
    spend() {
      const now = ctx.clock.nowMs();
      if (spendRequest(ctx.sqlite, connectionId, budgetDay(now), limit)) return;
      throw exhausted(provider, budgetStatus(limit, { day: budgetDay(now), used: limit }, now), now);
    },
  };
}

/** Today's budget of a connection, or undefined for a provider without one. */
export function connectionBudget(
  ctx: AppContext,
  connectionId: number,
  provider: BankProvider | undefined,
): BudgetStatus | undefined {
  const limit = provider?.limits?.requestsPerDay;
  if (limit === undefined) return undefined;
  return budgetStatus(limit, readRequestCount(ctx.sqlite, connectionId), ctx.clock.nowMs());
}

/** Why a budgeted connection is not synced now, in one line. */
export function budgetSpentReason(provider: BankProvider, status: BudgetStatus, nowMs: number): string {
  return `${provider.name} allows ${status.limit} requests a day and today's are used; the next sync is allowed ${describeReset(status, nowMs)}`;
}

function exhausted(provider: BankProvider, status: BudgetStatus, nowMs: number): ProviderError {
  return new ProviderError(
    provider.id,
    'budget_exhausted',
    budgetSpentReason(provider, status, nowMs),
    status.resetsAtMs - nowMs,
  );
}

/**
 * Counts the requests of a link, before its connection row exists; link.ts stores the
 * count with the new connection.
 */
export class LinkMeter implements RequestMeter {
  used = 0;

  constructor(private readonly provider: BankProvider) {}

  spend(): void {
    const limit = this.provider.limits?.requestsPerDay;
    if (limit !== undefined && this.used >= limit) {
      throw new ProviderError(this.provider.id, 'budget_exhausted', `${this.provider.name}: no requests left today`);
    }
    this.used++;
  }
}
