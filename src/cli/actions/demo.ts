import type { AppContext } from '../../app/context';
import { runDemo } from '../../app/demo';
import { formatMoney, moneyToNumber } from '../../core/money';
import { renderAccounts } from '../render/accounts-table';
import { homeValues } from '../../app/fx/account-values';
import { homeSpending } from '../../app/fx/dashboard-home';
import { rateBookFor } from '../../app/fx/rate-book';
import { localDate } from '../../core/dates';
import type { Output } from '../render/output';
import { syncProgress } from '../render/progress';
import { accountJson, alertJson, budgetJson, syncRunJson } from '../render/shapes';
import { markTerminalDelivered } from '../../app/deliver-alerts';
import type { CliIO } from '../io';
import { openDashboard } from './dash';
import { showAlerts } from './sync';
import { progressBar } from '../render/progress-bar';
import { renderTable } from '../render/table';

export default async function demo(ctx: AppContext, out: Output, _command: unknown, io: CliIO): Promise<void> {
  if (!out.json) out.notice(out.color.dim(`finagg demo in ${ctx.home}: linking the simulated banks and syncing…`));
  const s = await runDemo(ctx, syncProgress(out));
  // On a terminal the demo ends in the dashboard, which shows all of the summary below.
  if (!out.json && io.stdin.isTTY === true && io.stdout.isTTY === true) {
    await markTerminalDelivered(
      ctx,
      s.after.toShow.map((a) => a.id),
    );
    return openDashboard(ctx, out, io);
  }
  // One net worth across the household's dollars and euros, at the simulated reference rates.
  const book = rateBookFor(ctx);
  const values = await homeValues(ctx, s.accounts, book);
  // This month's spending on one scale: each currency's in the home one, at today's rate.
  const spending = homeSpending(s.spending, values.home, book, localDate(ctx.clock.nowMs(), ctx.timeZone));
  if (out.json) {
    return out.data({
      linked: s.linked,
      runs: s.runs.map(syncRunJson),
      accounts: s.accounts.map((a) => accountJson(a, values)),
      net_worth: { currency: values.home, amount: moneyToNumber(values.netWorthCents, values.home), rate_date: values.rateDate },
      transactions: s.transactions,
      budgets: s.budgets.map(budgetJson),
      alerts: s.after.created.map(alertJson),
      spending_this_month: spending.map((x) => ({
        category: x.category,
        currency: x.currency,
        amount: moneyToNumber(x.cents, x.currency),
      })),
    });
  }
  const c = out.color;
  const inserted = s.runs.reduce((n, r) => n + r.inserted, 0);
  out.line(
    c.bold(
      `${s.accounts.length} accounts at ${new Set(s.accounts.map((a) => a.provider)).size} banks, ${s.transactions.toLocaleString('en-US')} transactions (${inserted.toLocaleString('en-US')} new)`,
    ),
  );
  out.line();
  out.line(renderAccounts(s.accounts, c, values));
  out.line();
  out.line(c.bold('Spending this month'));
  out.line(
    renderTable(
      spending.slice(0, 8),
      [
        { header: 'CATEGORY', value: (x) => x.category },
        { header: 'SPENT', value: (x) => formatMoney(x.cents, x.currency), align: 'right' },
      ],
      c,
    ),
  );
  out.line();
  out.line(c.bold(`Budgets${s.budgetsSet.length > 0 ? ' (samples: change them with finagg budget set)' : ''}`));
  out.line(
    renderTable(
      s.budgets,
      [
        { header: 'CATEGORY', value: (b) => b.budget.category },
        { header: '', value: (b) => progressBar(b.percent, 20, c) },
        {
          header: 'SPENT',
          value: (b) => `${formatMoney(b.spentCents, b.budget.currency)} of ${formatMoney(b.availableCents, b.budget.currency)}`,
          align: 'right',
        },
        { header: 'PERIOD', value: (b) => b.budget.period },
      ],
      c,
    ),
  );
  await showAlerts(ctx, out, s.after);
  out.line();
  out.line(
    `Next: ${c.cyan('finagg tx --category groceries --limit 10')}, ${c.cyan('finagg budget list')}, ${c.cyan('finagg rules test "SQ *BLUE BOTTLE"')}`,
  );
}
