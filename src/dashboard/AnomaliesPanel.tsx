import { Text } from 'ink';
import type { StoredAnomaly } from '../storage/anomalies-repo';
import type { ListPanelProps } from './AccountsPanel';
import { fit } from './format';
import { Panel } from './Panel';
import { Row } from './Row';
import { useTheme } from './theme';
import { windowStart } from './window';

const MARK = { high: '!!', medium: '! ', low: '· ' } as const;

export function AnomaliesPanel({
  anomalies,
  width,
  rows,
  focused,
  selected,
}: ListPanelProps & { anomalies: readonly StoredAnomaly[] }) {
  const { paint } = useTheme();
  const inner = width - 2;
  const start = windowStart(anomalies.length, selected, rows);
  return (
    <Panel
      title="Anomalies"
      note={anomalies.length > 0 ? `${anomalies.length > rows ? `${selected + 1}/` : ''}${anomalies.length}` : undefined}
      {...{ width, rows, focused }}
    >
      {anomalies.length === 0 && <Text dimColor>nothing unusual in 90 days</Text>}
      {anomalies.slice(start, start + rows).map((a, i) => {
        const isSelected = focused && start + i === selected;
        const mark = MARK[a.severity];
        const painted = isSelected
          ? mark
          : a.severity === 'high'
            ? paint.red(mark)
            : a.severity === 'medium'
              ? paint.yellow(mark)
              : mark;
        return <Row key={a.id} selected={isSelected} text={`${painted} ${a.date.slice(5)} ${fit(a.description, inner - 9)}`} />;
      })}
    </Panel>
  );
}
