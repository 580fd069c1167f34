import type { Migration } from '../migrator';

/**
 * The pending charges a budget alert counted when it fired, each with what it added to
 * the budget's spend (money out, positive, in the row's own currency). When the bank
 * later withdraws one of them and the spend falls back below the threshold's line, the
 * person is told so (app/budget-withdrawn.ts). They belong to the threshold's mark: when
 * the mark goes (the threshold fires again after a withdrawal), they go with it.
 */
export const budgetAlertPending: Migration = {
  version: 21,
  name: 'pending charges a budget alert counted',
  sql: `
CREATE TABLE budget_alert_pending (
  budget_id      INTEGER NOT NULL,
  period_start   TEXT    NOT NULL,
  threshold      INTEGER NOT NULL,
  transaction_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
  amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (budget_id, period_start, threshold, transaction_id),
  FOREIGN KEY (budget_id, period_start, threshold)
    REFERENCES budget_alert_marks (budget_id, period_start, threshold) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX budget_alert_pending_transaction ON budget_alert_pending (transaction_id);
`,
};
