import { Text } from 'ink';
import type { Alert } from '../core/alert';
import { fit, shortTime } from './format';
import { Panel } from './Panel';

export function AlertsDialog({
  alerts,
  timeZone,
  width,
  rows,
}: {
  alerts: readonly Alert[];
  timeZone: string;
  width: number;
  rows: number;
}) {
  return (
    <Panel title={`Unread alerts (${alerts.length})`} note="a acknowledges all · Esc closes" width={width} rows={rows} focused>
      {alerts.length === 0 && <Text dimColor>no unread alerts</Text>}
      {alerts.slice(0, rows).map((a) => (
        <Text key={a.id} wrap="truncate">
          {`${shortTime(a.createdAt, timeZone)}  ${fit(a.message, width - 15)}`}
        </Text>
      ))}
    </Panel>
  );
}
