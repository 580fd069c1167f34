import { Text } from 'ink';
import { fit } from './format';
import { Panel } from './Panel';
import { Row } from './Row';
import { windowStart } from './window';

export interface CategoryChoice {
  /** undefined: all categories (clears the filter). */
  value: string | undefined;
  label: string;
}

/** A list to pick a category from: for the filter (`c`) or a transaction's new category (`e`). */
export function CategoryDialog({
  title,
  choices,
  selected,
  width,
  rows,
}: {
  title: string;
  choices: readonly CategoryChoice[];
  selected: number;
  width: number;
  rows: number;
}) {
  const start = windowStart(choices.length, selected, rows - 1);
  return (
    <Panel title={title} note="Enter picks · Esc closes" width={width} rows={rows} focused>
      {choices.slice(start, start + rows - 1).map((c, i) => (
        <Row key={c.label} selected={start + i === selected} text={fit(c.label, width - 2)} />
      ))}
      {choices.length > rows - 1 && <Text dimColor>{`${selected + 1}/${choices.length}`}</Text>}
    </Panel>
  );
}
