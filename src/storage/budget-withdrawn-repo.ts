import { oweDeliveries } from './alerts-repo';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Alert, AlertChannel } from '../core/alert';
import { partsCountSql } from './splits-repo';

/**
 * What a budget alert counted of pending charges (table budget_alert_pending, migration
 * 21), and the follow-up alert when the bank withdraws them (core/budget-withdrawn.ts).
 */

/** A pending charge counted in a budget's spend: its money out there (positive), in its own currency. */
export interface PendingCharge {
  transactionId: number;
  cents: number;
}

/**
 * The pending charges counted in a category subtree's spend between two dates (both
 * included), as core/spent.ts counts them: money out, transfers between own accounts left
 * out, a split row by its parts in the subtree. In `currency`, or every currency when null
 * (a budget of every currency).
 */
export function pendingChargesIn(
  sqlite: SqliteDatabase,
  input: { subtree: readonly string[]; currency: string | null; from: string; to: string },
): PendingCharge[] {
  if (input.subtree.length === 0) return [];
  const marks = input.subtree.map(() => '?').join(', ');
  // Pending rows are few (the partial index transactions_pending holds only them).
  const rows = sqlite
    .prepare(
      `SELECT t.id, t.amount_cents AS amount, t.category,
              (${partsCountSql('t')}) AS split,
              (SELECT sum(s.amount_cents) FROM transaction_splits s WHERE s.transaction_id = t.id AND s.category IN (${marks})) AS parts
       FROM transactions t
       WHERE t.pending = 1 AND t.removed = 0 AND t.transfer_id IS NULL AND t.date BETWEEN ? AND ?
         ${input.currency === null ? '' : 'AND t.currency = ?'}`,
    )
    .all(...input.subtree, input.from, input.to, ...(input.currency === null ? [] : [input.currency])) as {
    id: number;
    amount: number;
    category: string;
    split: number | null;
    parts: number | null;
  }[];
  const inSubtree = new Set(input.subtree);
  const out: PendingCharge[] = [];
  for (const r of rows) {
    const cents = r.split === 1 ? -(r.parts ?? 0) : inSubtree.has(r.category) ? -r.amount : 0;
    if (cents > 0) out.push({ transactionId: r.id, cents });
  }
  return out;
}

/**
 * The budgets and periods where a threshold's alert counted a pending charge that is now
 * removed and was never posted: the only ones worth a look after a sync (few, often none).
 */
export function periodsWithRemovedCharges(sqlite: SqliteDatabase): { budgetId: number; periodStart: string }[] {
  return sqlite
    .prepare(
      `SELECT DISTINCT p.budget_id AS budgetId, p.period_start AS periodStart
       FROM budget_alert_pending p JOIN transactions t ON t.id = p.transaction_id
       WHERE t.removed = 1 AND t.pending = 1`,
    )
    .all() as { budgetId: number; periodStart: string }[];
}

/** A counted charge of one threshold, with its row as it is now. */
export interface CountedChargeRow {
  threshold: number;
  transactionId: number;
  /** What it added to the spend when the alert fired (positive, its own currency). */
  countedCents: number;
  accountId: number;
  /** The account's provider (whether its removal may be a posting under another id). */
  provider: string;
  date: string;
  currency: string;
  amountCents: number;
  description: string;
  merchant: string | null;
  pending: boolean;
  removed: boolean;
}

/** Every threshold of a budget's period that counted pending charges, with those charges now. */
export function countedCharges(sqlite: SqliteDatabase, budgetId: number, periodStart: string): CountedChargeRow[] {
  const rows = sqlite
    .prepare(
      `SELECT p.threshold, p.transaction_id AS transactionId, p.amount_cents AS countedCents, t.account_id AS accountId,
              a.provider, t.date, t.currency, t.amount_cents AS amountCents, t.description, t.merchant, t.pending, t.removed
       FROM budget_alert_pending p
       JOIN transactions t ON t.id = p.transaction_id
       JOIN accounts a ON a.id = t.account_id
       WHERE p.budget_id = ? AND p.period_start = ?
       ORDER BY p.threshold, p.transaction_id`,
    )
    .all(budgetId, periodStart) as (Omit<CountedChargeRow, 'pending' | 'removed'> & { pending: number; removed: number })[];
  return rows.map((r) => ({ ...r, pending: r.pending === 1, removed: r.removed === 1 }));
}

/** Days after a pending charge that its posting may carry (as unlisted-pending-repo.ts looks). */
const POSTING_DAYS = 7;

/** The posted rows of an account a pending charge of `date` may have become (for core/dedupe.ts's likelyPosting). */
export function postedBeside(
  sqlite: SqliteDatabase,
  accountId: number,
  date: string,
): { id: number; date: string; amountCents: number; description: string; merchant: string | null }[] {
  return sqlite
    .prepare(
      `SELECT id, date, amount_cents AS amountCents, description, merchant FROM transactions
       WHERE account_id = ? AND pending = 0 AND removed = 0 AND date >= ? AND date <= date(?, '+${POSTING_DAYS} days')`,
    )
    .all(accountId, date, date) as {
    id: number;
    date: string;
    amountCents: number;
    description: string;
    merchant: string | null;
  }[];
}

/** The once-mark of a withdrawal told (table alert_marks). */
const toldKey = (budgetId: number, periodStart: string, threshold: number) =>
  `budget-withdrawn:${budgetId}:${periodStart}:${threshold}`;

/** The thresholds of a budget's period already told as withdrawn. */
export function toldWithdrawn(sqlite: SqliteDatabase, budgetId: number, periodStart: string): Set<number> {
  const prefix = toldKey(budgetId, periodStart, 0).slice(0, -1);
  const rows = sqlite.prepare('SELECT key FROM alert_marks WHERE key >= ? AND key < ?').all(prefix, `${prefix}\uffff`) as {
    key: string;
  }[];
  return new Set(rows.map((r) => Number(r.key.slice(prefix.length))));
}

export interface NewWithdrawnAlert {
  budgetId: number;
  category: string;
  periodStart: string;
  /** The thresholds it tells, ascending; the alert's own `threshold` is the highest. */
  thresholds: readonly number[];
  percent: number;
  message: string;
  createdAt: string;
  channels: readonly AlertChannel[];
}

/**
 * The withdrawal alert, its once-marks (one per threshold), its outbox rows, and the
 * thresholds' own marks cleared, all or nothing. Undefined, writing nothing, when one of
 * the thresholds was told already (another process, a moment ago).
 *
 * Clearing a threshold's mark makes it fireable again in the period (its counted charges
 * go with it): the alert it raised is no longer true, so a later crossing, by charges
 * that stay, is a new fact and gets its own alert. The once-mark written here keeps the
 * withdrawal itself from being told twice, so a bank that lists and unlists a charge
 * cannot make the two alerts alternate: a threshold is told withdrawn once a period.
 */
export function insertWithdrawnAlert(sqlite: SqliteDatabase, alert: NewWithdrawnAlert): Alert | undefined {
  return sqlite
    .transaction(() => {
      const keys = alert.thresholds.map((t) => toldKey(alert.budgetId, alert.periodStart, t));
      const exists = sqlite.prepare('SELECT 1 FROM alert_marks WHERE key = ?');
      if (keys.some((k) => exists.get(k) !== undefined)) return undefined;
      const threshold = Math.max(...alert.thresholds);
      const id = Number(
        sqlite
          .prepare(
            `INSERT INTO alerts (type, budget_id, category, threshold, percent, period_start, message, created_at)
             VALUES ('budget_withdrawn', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(alert.budgetId, alert.category, threshold, alert.percent, alert.periodStart, alert.message, alert.createdAt)
          .lastInsertRowid,
      );
      const mark = sqlite.prepare('INSERT INTO alert_marks (key, alert_id, created_at) VALUES (?, ?, ?)');
      for (const key of keys) mark.run(key, id, alert.createdAt);
      const rearm = sqlite.prepare('DELETE FROM budget_alert_marks WHERE budget_id = ? AND period_start = ? AND threshold = ?');
      for (const t of alert.thresholds) rearm.run(alert.budgetId, alert.periodStart, t);
      oweDeliveries(sqlite, id, alert.channels);
      return {
        id,
        type: 'budget_withdrawn' as const,
        category: alert.category,
        threshold,
        percent: alert.percent,
        message: alert.message,
        createdAt: alert.createdAt,
        deliveredAt: null,
        acknowledgedAt: null,
      };
    })
    .immediate();
}
