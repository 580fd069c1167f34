import type { Alert } from '../core/alert';
import { AppError } from '../core/errors';
import { acknowledgeAlerts, alertExists, listAlerts } from '../storage/alerts-repo';
import { deliveriesOf } from '../storage/alert-deliveries-repo';
import type { AppContext } from './context';

export function openAlerts(ctx: AppContext, all: boolean): Promise<Alert[]> {
  return listAlerts(ctx.db, { all });
}

/** `alerts ack <id>` or `--all`; an unknown id is refused and nothing changes. */
export async function ackAlerts(ctx: AppContext, target: number | 'all'): Promise<number> {
  if (target !== 'all' && !(await alertExists(ctx.db, target)))
    throw new AppError('not_found', `no alert ${target}`, 'see finagg alerts --all');
  return acknowledgeAlerts(ctx.db, target === 'all' ? 'all' : [target], new Date(ctx.clock.nowMs()).toISOString());
}

/** Each alert's delivery by channel (the outbox rows): sent when, tried how often, the last error. */
export function alertDeliveries(ctx: AppContext, alertIds: readonly number[]) {
  return deliveriesOf(ctx.db, alertIds);
}
