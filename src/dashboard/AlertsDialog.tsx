import { Text } from 'ink';
import type { Alert } from '../core/alert';
import type { DeliveryState } from '../storage/alert-deliveries-repo';
import { deliveryText } from './delivery-text';
import { fit, shortTime } from './format';
import { Panel } from './Panel';

export function AlertsDialog({
  alerts,
  deliveries,
  timeZone,
  width,
  rows,
}: {
  alerts: readonly Alert[];
  /** Each channel's delivery, by alert id (the snapshot reads them for the newest alerts only). */
  deliveries: ReadonlyMap<number, readonly DeliveryState[]>;
  timeZone: string;
  width: number;
  rows: number;
}) {
  // An alert's line, then a line per channel under it: a mail that keeps failing shows why.
  const lines = alerts.flatMap((a) => [
    { key: `${a.id}`, text: `${shortTime(a.createdAt, timeZone)}  ${fit(a.message, width - 15)}`, dim: false },
    ...(deliveries.get(a.id) ?? []).map((d) => ({
      key: `${a.id}:${d.channel}`,
      text: `  ${d.channel.padEnd(9)}${deliveryText(d, timeZone)}`,
      dim: d.deliveredAt !== null,
    })),
  ]);
  return (
    <Panel title={`Unread alerts (${alerts.length})`} note="a acknowledges all · Esc closes" width={width} rows={rows} focused>
      {alerts.length === 0 && <Text dimColor>no unread alerts</Text>}
      {lines.slice(0, rows).map((l) => (
        <Text key={l.key} wrap="truncate" dimColor={l.dim}>
          {l.text}
        </Text>
      ))}
    </Panel>
  );
}
