import { Text } from 'ink';
import type { Account } from '../core/connection';
import { formatMoney } from '../core/money';
import { fit, fitRight } from './format';
import { Panel } from './Panel';
import { Row } from './Row';
import { useTheme } from './theme';
import { windowStart } from './window';

export interface ListPanelProps {
  width: number;
  rows: number;
  focused: boolean;
  selected: number;
}

export function AccountsPanel({ accounts, width, rows, focused, selected }: ListPanelProps & { accounts: readonly Account[] }) {
  const { paint } = useTheme();
  const inner = width - 2;
  const start = windowStart(accounts.length, selected, rows);
  const amountWidth = Math.min(15, Math.max(10, Math.floor(inner / 3)));
  return (
    <Panel
      title="Accounts"
      note={accounts.length > rows ? `${selected + 1}/${accounts.length}` : undefined}
      {...{ width, rows, focused }}
    >
      {accounts.length === 0 && <Text dimColor>no accounts: press s after finagg link</Text>}
      {accounts.slice(start, start + rows).map((a, i) => {
        const balance = fitRight(formatMoney(a.balanceCents, a.currency), amountWidth);
        const name = fit(inner >= 44 ? `${a.provider} ${a.name}` : a.name, inner - amountWidth - 1);
        const isSelected = focused && start + i === selected;
        return (
          <Row
            key={a.id}
            selected={isSelected}
            text={`${name} ${a.balanceCents < 0 && !isSelected ? paint.red(balance) : balance}`}
          />
        );
      })}
    </Panel>
  );
}
