import { pendingPhrase } from '../../core/spent';
import { budgetStatuses } from '../../app/budgets';
import type { AppContext } from '../../app/context';
import type { BudgetStatus } from '../../core/budget';
import { formatMoney } from '../../core/money';
import type { Output } from '../render/output';
import { budgetJson } from '../render/shapes';
import { renderTable } from '../render/table';
import { progressBar } from '../render/progress-bar';

export default async function budgetList(ctx: AppContext, out: Output): Promise<void> {
  const statuses = await budgetStatuses(ctx);
  if (out.json) return out.data(statuses.map(budgetJson));
  if (statuses.length === 0) return out.line('no budgets yet (finagg budget set groceries 500)');
  const money = (s: BudgetStatus, cents: number) => formatMoney(cents, s.budget.currency);
  out.line(
    renderTable(
      statuses,
      [
        { header: 'CATEGORY', value: (s) => s.budget.category },
        { header: 'PERIOD', value: (s) => `${s.budget.period} from ${s.range.start}` },
        { header: '', value: (s) => progressBar(s.percent, 20, out.color) },
        { header: '%', value: (s) => `${Math.round(s.percent)}%`, align: 'right' },
        {
          header: 'SPENT',
          value: (s) => pendingPhrase(money(s, s.spentCents), money(s, s.pendingCents ?? 0), s.pendingCents ?? 0, s.spentCents),
          align: 'right',
        },
        {
          header: 'BUDGET',
          value: (s) => money(s, s.availableCents) + (s.carriedCents > 0 ? ` (+${money(s, s.carriedCents)} rolled over)` : ''),
          align: 'right',
        },
        {
          header: 'LEFT',
          value: (s) => (s.remainingCents >= 0 ? money(s, s.remainingCents) : `over ${money(s, -s.remainingCents)}`),
          align: 'right',
          style: (text, s, c) => (s.remainingCents < 0 ? c.red(text) : text),
        },
        { header: 'DAYS LEFT', value: (s) => String(s.daysLeft), align: 'right' },
      ],
      out.color,
    ),
  );
}
