import { Text } from 'ink';
import type { BudgetStatus } from '../core/budget';
import { formatMoney } from '../core/money';
import { progressBar } from '../cli/render/progress-bar';
import type { ListPanelProps } from './AccountsPanel';
import { fit, fitRight } from './format';
import { Panel } from './Panel';
import { Row } from './Row';
import { useTheme } from './theme';
import { windowStart } from './window';

/** Budgets with the CLI's bars: green, yellow from 80%, red over; `#`, `.` and `!` without colour. */
export function BudgetsPanel({ budgets, width, rows, focused, selected }: ListPanelProps & { budgets: readonly BudgetStatus[] }) {
  const { paint } = useTheme();
  const inner = width - 2;
  const start = windowStart(budgets.length, selected, rows);
  const nameWidth = Math.min(14, Math.max(10, Math.floor(inner / 4)));
  const moneyWidth = inner >= 50 ? 21 : 0;
  const barWidth = Math.max(4, inner - nameWidth - 6 - (moneyWidth ? moneyWidth + 1 : 0) - 1);
  return (
    <Panel title="Budgets" note={budgetsNote(budgets, rows, selected)} {...{ width, rows, focused }}>
      {budgets.length === 0 && <Text dimColor>no budgets: finagg budget set</Text>}
      {budgets.slice(start, start + rows).map((b, i) => {
        const isSelected = focused && start + i === selected;
        const bar = progressBar(b.percent, barWidth, paint);
        const money = moneyWidth
          ? ` ${fitRight(`${formatMoney(b.spentCents, b.budget.currency)}/${formatMoney(b.availableCents, b.budget.currency)}`, moneyWidth)}`
          : '';
        return (
          <Row
            key={b.budget.id}
            selected={isSelected}
            text={`${fit(b.budget.category, nameWidth)} ${bar} ${fitRight(`${Math.round(b.percent)}%`, 5)}${money}`}
          />
        );
      })}
    </Panel>
  );
}

/** Where the list is, and how much of the selected budget's spend is pending charges (core/spent.ts). */
function budgetsNote(budgets: readonly BudgetStatus[], rows: number, selected: number): string | undefined {
  const b = budgets[selected];
  const pending =
    b && (b.pendingCents ?? 0) > 0
      ? `${b.budget.category}: ${formatMoney(b.pendingCents!, b.budget.currency)} pending`
      : undefined;
  const position = budgets.length > rows ? `${selected + 1}/${budgets.length}` : undefined;
  return [pending, position].filter(Boolean).join(' · ') || undefined;
}
