import type { HomeValues } from '../../app/fx/account-values';
import { moneyToNumber } from '../../core/money';
import type { StoredAnomaly } from '../../storage/anomalies-repo';
import type { BudgetStatus } from '../../core/budget';
import { type Alert, alertJson } from '../../core/alert';
import type { DeliveryState } from '../../storage/alert-deliveries-repo';
import { type Rule, showMatch } from '../../core/rules/rule';
import type { AuditEntry } from '../../core/audit';
import type { SyncRun } from '../../core/sync-run';
import type { Account, Connection } from '../../core/connection';
import type { BudgetStatus as RequestBudget } from '../../core/request-budget';
import type { SplitPart } from '../../core/split';
import type { Transaction } from '../../core/transaction';

/** The `--json` shapes of CLI.md: snake_case keys, decimal amounts. */
/** A transaction; `splits` are its parts (`tx split`), null when it is not split. */
export function transactionJson(t: Transaction, splits: readonly SplitPart[] | null) {
  return {
    id: t.id,
    account_id: t.accountId,
    date: t.date,
    amount: moneyToNumber(t.amountCents, t.currency),
    currency: t.currency,
    description: t.description,
    merchant: t.merchant,
    category: t.category,
    pending: t.pending,
    note: t.note,
    transfer_id: t.transferId,
    transfer_account_id: t.transferAccountId,
    splits:
      splits === null || splits.length === 0
        ? null
        : splits.map((p) => ({ category: p.category, amount: moneyToNumber(p.cents, t.currency) })),
  };
}

/** A connection; `budget` for providers with a daily request budget (SimpleFIN). */
export function connectionJson(c: Connection, budget?: RequestBudget) {
  return {
    id: c.id,
    provider: c.provider,
    status: c.status,
    created_at: c.createdAt,
    last_synced_at: c.lastSyncedAt,
    last_error: c.lastError,
    notice: c.notice,
    consent_expires_at: c.consentExpiresAt,
    bank: c.institution === null ? null : c.institution.replace(/^[A-Z]{2}:/, ''),
    country: c.institution === null ? null : c.institution.slice(0, 2),
    requests_per_day: budget?.limit ?? null,
    requests_today: budget?.used ?? null,
    requests_left_today: budget?.left ?? null,
  };
}

/** An account as --json gives it; with its value in the home currency when the caller valued it. */
export function accountJson(a: Account, values?: HomeValues) {
  const home = values?.byAccount.get(a.id);
  return {
    id: a.id,
    connection_id: a.connectionId,
    provider: a.provider,
    name: a.name,
    type: a.type,
    balance: moneyToNumber(a.balanceCents, a.currency),
    available_balance: a.availableBalanceCents === null ? null : moneyToNumber(a.availableBalanceCents, a.currency),
    balance_date: a.balanceDate,
    currency: a.currency,
    balance_home: home === undefined || home === null ? null : moneyToNumber(home, values!.home),
    home_currency: values?.home ?? null,
    last_synced_at: a.lastSyncedAt,
  };
}

export function syncRunJson(r: SyncRun) {
  return {
    id: r.id,
    account_id: r.accountId,
    trigger: r.trigger,
    status: r.status,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
    duration_ms: r.durationMs,
    fetched: r.fetched,
    inserted: r.inserted,
    updated: r.updated,
    removed: r.removed,
    deduplicated: r.deduplicated,
    rejected: r.rejected,
    error: r.error,
    note: r.note,
  };
}

export function ruleJson(r: Rule) {
  return {
    id: r.id,
    match: showMatch(r),
    field: r.field,
    min: r.minCents === null ? null : moneyToNumber(r.minCents),
    max: r.maxCents === null ? null : moneyToNumber(r.maxCents),
    account_id: r.accountId,
    category: r.category,
    rename: r.renameMerchant,
    priority: r.priority,
    learned_from: r.learnedFrom,
  };
}

export function auditJson(e: AuditEntry) {
  return {
    id: e.id,
    transaction_id: e.transactionId,
    field: e.field,
    old_value: e.oldValue,
    new_value: e.newValue,
    source: e.source,
    reason: e.reason,
    at: e.at,
  };
}

export { alertJson };

/** An alert with each channel's delivery (`alerts --json`): where a mail or push failed, and why. */
export function alertWithDeliveriesJson(a: Alert, deliveries: readonly DeliveryState[]) {
  return {
    ...alertJson(a),
    deliveries: deliveries.map((d) => ({
      channel: d.channel,
      delivered_at: d.deliveredAt,
      attempts: d.attempts,
      last_error: d.lastError,
      next_attempt_at: d.nextAttemptAt,
    })),
  };
}

export function budgetJson(s: BudgetStatus) {
  const cur = s.budget.currency;
  return {
    id: s.budget.id,
    category: s.budget.category,
    amount: moneyToNumber(s.budget.amountCents, cur),
    period: s.budget.period,
    period_start: s.range.start,
    period_end: s.range.end,
    spent: moneyToNumber(s.spentCents, cur),
    // The part of `spent` that is pending charges (core/spent.ts).
    pending: moneyToNumber(s.pendingCents ?? 0, cur),
    remaining: moneyToNumber(s.remainingCents, cur),
    percent: s.percent,
    alert_at: s.budget.alertAt,
    currency: cur,
    rollover: s.budget.rollover,
    all_currencies: s.budget.allCurrencies,
    // Currencies an all-currencies budget could not count (no rate by a row's day).
    uncounted: s.uncounted ?? [],
    carried: moneyToNumber(s.carriedCents, cur),
    days_left: s.daysLeft,
  };
}

export function anomalyJson(a: StoredAnomaly) {
  return {
    id: a.id,
    transaction_id: a.transactionId,
    account_id: a.accountId,
    type: a.type,
    severity: a.severity,
    score: a.score,
    description: a.description,
    detected_at: a.detectedAt,
  };
}
