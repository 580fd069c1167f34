import type { Command } from 'commander';
import { budgetStatuses, setBudget } from '../../app/budgets';
import type { AppContext } from '../../app/context';
import { parseAlertAt } from '../../core/budget';
import * as z from '../../validation/zod';
import { categoryText, currencyCode, moneyText, oneOf, parseOptions } from '../options';
import type { Output } from '../render/output';
import { budgetJson } from '../render/shapes';

const SetArgs = z.object({
  '<category>': categoryText(),
  '<amount>': z.pipe(moneyText(), z.number().check(z.gt(0, { error: 'must be more than zero' }))),
  period: z._default(oneOf(['weekly', 'monthly'] as const), 'monthly'),
  alertAt: z._default(
    z.pipe(
      z.string(),
      z.transform((text: string, ctx) => {
        const values = parseAlertAt(text);
        if (values === undefined) {
          ctx.issues.push({ code: 'custom', message: 'must be percents from 1 to 1000, such as 80,100', input: text });
          return z.NEVER;
        }
        return values;
      }),
    ),
    [80, 100],
  ),
  rollover: z.optional(z.boolean()),
  create: z.optional(z.boolean()),
  allCurrencies: z.optional(z.boolean()),
  currency: z.optional(currencyCode()),
});

export default async function budgetSet(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const [category, amount] = command.args;
  const o = parseOptions(SetArgs, { ...command.opts(), '<category>': category, '<amount>': amount }, 'budget set');
  const { budget, newCategory } = await setBudget(ctx, {
    category: o['<category>'],
    amountCents: o['<amount>'],
    period: o.period,
    alertAt: o.alertAt,
    rollover: o.rollover === true,
    create: o.create === true,
    allCurrencies: o.allCurrencies === true,
    currency: o.currency,
  });
  if (newCategory) out.notice(`finagg: new category ${JSON.stringify(budget.category)}`);
  const status = (await budgetStatuses(ctx)).find((s) => s.budget.id === budget.id)!;
  if (out.json) return out.data(budgetJson(status));
  out.line(
    `${budget.category}: ${budget.period} budget set; ${status.percent}% spent so far this ${budget.period === 'monthly' ? 'month' : 'week'}`,
  );
}
