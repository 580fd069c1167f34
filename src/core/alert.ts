/** Where an alert goes. The terminal is always on; the others follow the settings. */
export type AlertChannel = 'terminal' | 'desktop' | 'webhook' | 'command' | 'email' | 'push';

export type AlertType =
  | 'budget_threshold'
  /**
   * A budget threshold that was crossed while pending charges counted, and no longer is
   * because the bank withdrew some of them (core/budget-withdrawn.ts).
   */
  | 'budget_withdrawn'
  | 'needs_relink'
  /** A bill or pay that has not come some days after its predicted date. */
  | 'stream_late'
  /** A subscription that started charging (a free trial that ended). */
  | 'new_subscription'
  /** A stream that stopped. */
  | 'stream_ended'
  /** An account projected below `alerts.low_balance` within the horizon. */
  | 'low_balance'
  /** A bank's consent (PSD2) ends soon: 7 days and 1 day before. */
  | 'consent_expiring'
  /** A backup target could not be written (or what was written did not read back). */
  | 'backup_failed';

/** An alert about a budget: it names the budget's category (a mail's subject, a push's title). */
export function isBudgetAlert(type: AlertType): boolean {
  return type === 'budget_threshold' || type === 'budget_withdrawn';
}

/** An alert as stored in the outbox (CLI.md's Alert shape, in camelCase). */
export interface Alert {
  id: number;
  type: AlertType;
  category: string | null;
  /** The threshold crossed, in percent of the budget. */
  threshold: number | null;
  /** Spend in percent of the budget when it fired. */
  percent: number | null;
  message: string;
  createdAt: string;
  /** When every channel it was sent to took it; null while one still owes it. */
  deliveredAt: string | null;
  acknowledgedAt: string | null;
}

/** The alert as a document: CLI.md's Alert shape, for --json, webhooks and commands alike. */
export function alertJson(a: Alert) {
  return {
    id: a.id,
    type: a.type,
    category: a.category,
    threshold: a.threshold,
    percent: a.percent,
    message: a.message,
    created_at: a.createdAt,
    delivered_at: a.deliveredAt,
    acknowledged_at: a.acknowledgedAt,
  };
}
