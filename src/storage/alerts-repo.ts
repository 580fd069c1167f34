import type { Database as SqliteDatabase } from 'better-sqlite3';
import { sql } from 'kysely';
import type { Alert, AlertChannel } from '../core/alert';
import type { PendingCharge } from './budget-withdrawn-repo';
import type { Db } from './kysely';

export interface NewBudgetAlert {
  budgetId: number;
  category: string;
  threshold: number;
  percent: number;
  periodStart: string;
  message: string;
  createdAt: string;
  /** The channels that owe it delivery, from the settings at this moment. */
  channels: readonly AlertChannel[];
  /** The pending charges counted in the spend that crossed it (kept with the mark: budget-withdrawn-repo.ts). */
  pendingCharges?: readonly PendingCharge[];
}

const COLUMNS = [
  'a.id',
  'a.type',
  'a.category',
  'a.threshold',
  'a.percent',
  'a.message',
  'a.created_at',
  'a.acknowledged_at',
] as const;

/**
 * The mark, the alert and its outbox rows, all or nothing. The mark goes first: when
 * it exists already, another process fired this threshold, and nothing is written. The
 * pending charges the spend counted are kept with the mark, so that their withdrawal
 * can be told later.
 */
export async function insertAlert(db: Db, alert: NewBudgetAlert): Promise<Alert | undefined> {
  return db.transaction().execute(async (trx) => {
    const mark = await trx
      .insertInto('budget_alert_marks')
      .values({
        budget_id: alert.budgetId,
        period_start: alert.periodStart,
        threshold: alert.threshold,
        created_at: alert.createdAt,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if ((mark.numInsertedOrUpdatedRows ?? 0n) === 0n) return undefined;
    const { id } = await trx
      .insertInto('alerts')
      .values({
        type: 'budget_threshold',
        budget_id: alert.budgetId,
        category: alert.category,
        threshold: alert.threshold,
        percent: alert.percent,
        period_start: alert.periodStart,
        message: alert.message,
        created_at: alert.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('budget_alert_marks')
      .set({ alert_id: id })
      .where('budget_id', '=', alert.budgetId)
      .where('period_start', '=', alert.periodStart)
      .where('threshold', '=', alert.threshold)
      .execute();
    if (alert.pendingCharges && alert.pendingCharges.length > 0)
      await trx
        .insertInto('budget_alert_pending')
        .values(
          alert.pendingCharges.map((c) => ({
            budget_id: alert.budgetId,
            period_start: alert.periodStart,
            threshold: alert.threshold,
            transaction_id: c.transactionId,
            amount_cents: c.cents,
          })),
        )
        .execute();
    if (alert.channels.length > 0)
      await trx
        .insertInto('alert_deliveries')
        .values(alert.channels.map((channel) => ({ alert_id: id, channel, attempts: 0 })))
        .execute();
    return {
      id,
      type: 'budget_threshold',
      category: alert.category,
      threshold: alert.threshold,
      percent: alert.percent,
      message: alert.message,
      createdAt: alert.createdAt,
      deliveredAt: null,
      acknowledgedAt: null,
    };
  });
}

/**
 * Alerts newest first; unacknowledged ones unless `all`. `delivered_at` is when the last
 * channel took it, null while any channel still owes it.
 */
export async function listAlerts(db: Db, filter: { all: boolean; ids?: readonly number[] }): Promise<Alert[]> {
  let query = db
    .selectFrom('alerts as a')
    .select([
      ...COLUMNS,
      sql<string | null>`(SELECT CASE WHEN count(*) > 0 AND count(d.delivered_at) = count(*) THEN max(d.delivered_at) END
        FROM alert_deliveries d WHERE d.alert_id = a.id)`.as('delivered_at'),
    ])
    .orderBy('a.id', 'desc');
  if (!filter.all) query = query.where('a.acknowledged_at', 'is', null);
  if (filter.ids) query = query.where('a.id', 'in', filter.ids.length > 0 ? [...filter.ids] : [-1]);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type as Alert['type'],
    category: r.category,
    threshold: r.threshold,
    percent: r.percent,
    message: r.message,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    acknowledgedAt: r.acknowledged_at,
  }));
}

/** Acknowledges alerts (all open ones when no id is given); returns how many changed. */
export async function acknowledgeAlerts(db: Db, ids: readonly number[] | 'all', nowIso: string): Promise<number> {
  let query = db.updateTable('alerts').set({ acknowledged_at: nowIso }).where('acknowledged_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids.length > 0 ? [...ids] : [-1]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function alertExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export interface NewMarkedAlert {
  /** What makes it once: `late:12:2026-12-01`, `low:3:2026-12-14`. */
  mark: string;
  type: Alert['type'];
  category: string | null;
  message: string;
  createdAt: string;
  channels: readonly AlertChannel[];
}

/** The mark, the alert and its outbox rows, all or nothing; undefined when the mark was there. */
export function insertMarkedAlert(sqlite: SqliteDatabase, alert: NewMarkedAlert): Alert | undefined {
  return sqlite
    .transaction(() => {
      const marked = sqlite
        .prepare('INSERT OR IGNORE INTO alert_marks (key, created_at) VALUES (?, ?)')
        .run(alert.mark, alert.createdAt).changes;
      if (marked === 0) return undefined;
      const id = Number(
        sqlite
          .prepare('INSERT INTO alerts (type, category, message, created_at) VALUES (?, ?, ?, ?)')
          .run(alert.type, alert.category, alert.message, alert.createdAt).lastInsertRowid,
      );
      sqlite.prepare('UPDATE alert_marks SET alert_id = ? WHERE key = ?').run(id, alert.mark);
      oweDeliveries(sqlite, id, alert.channels);
      return {
        id,
        type: alert.type,
        category: alert.category,
        threshold: null,
        percent: null,
        message: alert.message,
        createdAt: alert.createdAt,
        deliveredAt: null,
        acknowledgedAt: null,
      };
    })
    .immediate();
}

/** The outbox rows of a new alert, one per channel it owes: written inside the alert's own transaction. */
export function oweDeliveries(sqlite: SqliteDatabase, alertId: number, channels: readonly AlertChannel[]): void {
  const owe = sqlite.prepare('INSERT INTO alert_deliveries (alert_id, channel, attempts) VALUES (?, ?, 0)');
  for (const channel of channels) owe.run(alertId, channel);
}
