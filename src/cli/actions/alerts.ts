import type { Command } from 'commander';
import { alertDeliveries, openAlerts } from '../../app/alerts';
import type { AppContext } from '../../app/context';
import type { Output } from '../render/output';
import { alertWithDeliveriesJson } from '../render/shapes';
import { renderTable } from '../render/table';

export default async function alerts(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const all = command.opts<{ all?: boolean }>().all === true;
  const list = await openAlerts(ctx, all);
  if (out.json) {
    const deliveries = await alertDeliveries(
      ctx,
      list.map((a) => a.id),
    );
    return out.data(list.map((a) => alertWithDeliveriesJson(a, deliveries.get(a.id) ?? [])));
  }
  if (list.length === 0) return out.line(all ? 'no alerts yet' : 'no open alerts');
  out.line(
    renderTable(
      list,
      [
        { header: 'ID', value: (a) => String(a.id), align: 'right' },
        { header: 'AT', value: (a) => a.createdAt.slice(0, 16).replace('T', ' ') },
        { header: 'ALERT', value: (a) => a.message },
        ...(all ? [{ header: 'ACK', value: (a: (typeof list)[number]) => (a.acknowledgedAt ? 'yes' : '') }] : []),
      ],
      out.color,
    ),
  );
}
