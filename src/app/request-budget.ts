import { budgetDay, budgetStatus, type BudgetStatus, describeReset } from '../core/request-budget';
import { plural } from '../core/words';
import { ProviderError } from '../providers/errors';
import type { BankProvider, RequestMeter } from '../providers/provider';
import { readAccountSyncs, readRequestCount, spendRequest } from '../storage/request-budget-repo';
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

/**
 * Today's budget of a connection, or undefined for a provider without one. For a provider
 * that counts syncs per account (PSD2), it is the syncs left of the account that has the
 * most: the connection is spent only when every account is.
 */
export function connectionBudget(
  ctx: AppContext,
  connectionId: number,
  provider: BankProvider | undefined,
): BudgetStatus | undefined {
  const nowMs = ctx.clock.nowMs();
  const perAccount = provider?.limits?.syncsPerAccountPerDay;
  if (perAccount !== undefined) {
    const statuses = readAccountSyncs(ctx.sqlite, connectionId).map((count) => budgetStatus(perAccount, count, nowMs));
    if (statuses.length === 0) return budgetStatus(perAccount, { day: null, used: 0 }, nowMs);
    return statuses.reduce((most, s) => (s.left > most.left ? s : most));
  }
  const limit = provider?.limits?.requestsPerDay;
  if (limit === undefined) return undefined;
  return budgetStatus(limit, readRequestCount(ctx.sqlite, connectionId), nowMs);
}

/** Why a budgeted connection (or account) is not synced now, in one line. */
export function budgetSpentReason(provider: BankProvider, status: BudgetStatus, nowMs: number): string {
  if (provider.limits?.syncsPerAccountPerDay !== undefined) {
    return `banks may refuse more than ${plural(status.limit, 'read')} a day of an account without you (PSD2), and today's are used; the next sync is allowed ${describeReset(status, nowMs)}`;
  }
  return `${provider.name} allows ${plural(status.limit, 'request')} a day and today's are used; the next sync is allowed ${describeReset(status, nowMs)}`;
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
