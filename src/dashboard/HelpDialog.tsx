import { Text } from 'ink';
import { fit } from './format';
import { KEYS } from './keys';
import { Panel } from './Panel';

export function HelpDialog({ width, rows }: { width: number; rows: number }) {
  const keyWidth = Math.max(...KEYS.map((k) => k.keys.length)) + 2;
  return (
    <Panel title="Keys" note="Esc closes" width={width} rows={rows} focused>
      {KEYS.slice(0, rows).map((k) => (
        <Text key={k.keys} wrap="truncate">
          <Text bold>{fit(k.keys, keyWidth)}</Text>
          {k.does}
        </Text>
      ))}
    </Panel>
  );
}
