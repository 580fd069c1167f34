import type { AlertChannel } from '../core/alert';
import type { Db } from './kysely';

/**
 * The outbox `alert_deliveries`: one row per alert and channel. A row is open while
 * `delivered_at` is null; `attempts` counts the delivery calls that tried it, and
 * `next_attempt_at` holds it back after a failure (or while another process sends it).
 */

export interface DueDelivery {
  alertId: number;
  channel: AlertChannel;
  attempts: number;
  /** As read, to claim the row only if nobody else did since. */
  nextAttemptAt: string | null;
}

/** Open rows of these channels whose time has come, oldest alert first. */
export async function dueDeliveries(
  db: Db,
  channels: readonly AlertChannel[],
  nowIso: string,
  limit: number,
): Promise<DueDelivery[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['alert_id', 'channel', 'attempts', 'next_attempt_at'])
    .where('delivered_at', 'is', null)
    .where('channel', 'in', [...channels])
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
    .orderBy('alert_id')
    .orderBy('channel')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    alertId: r.alert_id,
    channel: r.channel as AlertChannel,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
  }));
}

/**
 * Takes a row for sending until `leaseUntilIso`: false when another process (the daemon
 * and a sync at once) took or closed it first. A process that dies while sending leaves
 * the lease to run out, and the row is tried again: never lost.
 */
export async function claimDelivery(db: Db, row: DueDelivery, leaseUntilIso: string): Promise<boolean> {
  const result = await db
    .updateTable('alert_deliveries')
    .set({ next_attempt_at: leaseUntilIso })
    .where('alert_id', '=', row.alertId)
    .where('channel', '=', row.channel)
    .where('delivered_at', 'is', null)
    .where((eb) =>
      row.nextAttemptAt === null ? eb('next_attempt_at', 'is', null) : eb('next_attempt_at', '=', row.nextAttemptAt),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Closes a row: delivered, or skipped with a note saying why. */
export async function recordDelivered(
  db: Db,
  alertId: number,
  channel: AlertChannel,
  atIso: string,
  note: string | null,
): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set((eb) => ({ delivered_at: atIso, attempts: eb('attempts', '+', 1), last_error: note, next_attempt_at: null }))
    .where('alert_id', '=', alertId)
    .where('channel', '=', channel)
    .where('delivered_at', 'is', null)
    .execute();
}

/** Leaves a row open with why it failed and when to try again. */
export async function recordFailed(
  db: Db,
  alertId: number,
  channel: AlertChannel,
  error: string,
  nextAttemptIso: string,
): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: nextAttemptIso }))
    .where('alert_id', '=', alertId)
    .where('channel', '=', channel)
    .where('delivered_at', 'is', null)
    .execute();
}

/** Closes one channel's rows of these alerts at once (the terminal, once the CLI showed them). */
export async function closeChannel(db: Db, channel: AlertChannel, alertIds: readonly number[], atIso: string): Promise<number> {
  if (alertIds.length === 0) return 0;
  const result = await db
    .updateTable('alert_deliveries')
    .set((eb) => ({ delivered_at: atIso, attempts: eb('attempts', '+', 1), next_attempt_at: null }))
    .where('channel', '=', channel)
    .where('alert_id', 'in', [...alertIds])
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One channel's delivery of an alert, as `alerts --json` shows it. */
export interface DeliveryState {
  channel: AlertChannel;
  deliveredAt: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** Each channel's row of these alerts, by alert. */
export async function deliveriesOf(db: Db, alertIds: readonly number[]): Promise<Map<number, DeliveryState[]>> {
  const byAlert = new Map<number, DeliveryState[]>();
  if (alertIds.length === 0) return byAlert;
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['alert_id', 'channel', 'delivered_at', 'attempts', 'last_error', 'next_attempt_at'])
    .where('alert_id', 'in', [...alertIds])
    .orderBy('alert_id')
    .orderBy('channel')
    .execute();
  for (const r of rows) {
    const list = byAlert.get(r.alert_id) ?? [];
    list.push({
      channel: r.channel as AlertChannel,
      deliveredAt: r.delivered_at,
      attempts: r.attempts,
      lastError: r.last_error,
      nextAttemptAt: r.next_attempt_at,
    });
    byAlert.set(r.alert_id, list);
  }
  return byAlert;
}
