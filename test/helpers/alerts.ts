import type { AppContext } from '../../src/app/context';
import { outboxRowsFor } from '../../src/app/deliver-alerts';
import { getSettings } from '../../src/app/settings';
import type { AlertType } from '../../src/core/alert';

/**
 * An alert as the code that raises it writes it: the row, and its outbox rows for the
 * settings now. A budget alert gets a category and thresholds; the others have none.
 */
export async function addAlert(
  ctx: AppContext,
  alert: { type?: AlertType; category?: string; message: string; createdAt: string },
): Promise<number> {
  const type = alert.type ?? 'budget_threshold';
  const budget = type === 'budget_threshold' || type === 'budget_withdrawn';
  const { id } = await ctx.db
    .insertInto('alerts')
    .values({
      type,
      budget_id: null,
      connection_id: null,
      category: budget ? (alert.category ?? 'groceries') : null,
      threshold: budget ? 80 : null,
      percent: budget ? 85 : null,
      period_start: '2026-11-01',
      message: alert.message,
      created_at: alert.createdAt,
      acknowledged_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('alert_deliveries')
    .values(outboxRowsFor(id, await getSettings(ctx)))
    .execute();
  return id;
}
