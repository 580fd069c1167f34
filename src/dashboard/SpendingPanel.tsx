import { Text } from 'ink';
import { formatMoney } from '../core/money';
import type { CategorySpend } from '../storage/spending-repo';
import type { ListPanelProps } from './AccountsPanel';
import { hbar } from './charts';
import { fit, fitRight } from './format';
import { Panel } from './Panel';
import { Row } from './Row';
import { useTheme } from './theme';
import { windowStart } from './window';

/** This month's spending per category as bars, each currency scaled on its own. */
export function SpendingPanel({
  spending,
  width,
  rows,
  focused,
  selected,
}: ListPanelProps & { spending: readonly CategorySpend[] }) {
  const { paint } = useTheme();
  const inner = width - 2;
  const start = windowStart(spending.length, selected, rows);
  const max = new Map<string, number>();
  for (const s of spending) max.set(s.currency, Math.max(max.get(s.currency) ?? 0, s.cents));
  const nameWidth = Math.min(14, Math.max(10, Math.floor(inner / 4)));
  const amountWidth = 11;
  const barWidth = Math.max(1, inner - nameWidth - amountWidth - 2);
  // The amounts include pending charges (core/spent.ts): how much of them is pending, said once.
  const main = spending[0]?.currency;
  const pending = spending.filter((s) => s.currency === main).reduce((n, s) => n + Math.max(0, s.pendingCents), 0);
  return (
    <Panel
      title="Spending this month"
      note={main !== undefined && pending > 0 ? `${formatMoney(pending, main)} pending` : undefined}
      {...{ width, rows, focused }}
    >
      {spending.length === 0 && <Text dimColor>no spending this month</Text>}
      {spending.slice(start, start + rows).map((s, i) => {
        const isSelected = focused && start + i === selected;
        const bar = hbar(s.cents, max.get(s.currency) ?? 0, barWidth).padEnd(barWidth);
        return (
          <Row
            key={`${s.category}-${s.currency}`}
            selected={isSelected}
            text={`${fit(s.category, nameWidth)} ${isSelected ? bar : paint.magenta(bar)} ${fitRight(formatMoney(s.cents, s.currency), amountWidth)}`}
          />
        );
      })}
    </Panel>
  );
}
