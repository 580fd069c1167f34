import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerBudget(program: Command, cli: Cli): void {
  const budget = program
    .command('budget')
    .description('budgets per category, with alerts when spend crosses a threshold')
    .addHelpText(
      'after',
      `
Spend is net money out in the category within the period (refunds count back), counted
from the stored transactions. Months start on the 1st, weeks on Monday (finagg config set
week_start sunday), in your time zone.` + examples('finagg budget set groceries 500', 'finagg budget list'),
    );

  budget
    .command('set')
    .description('set (or change) the budget of a category')
    .argument('<category>', 'the category')
    .argument('<amount>', 'the amount per period')
    .option('--period <period>', 'weekly or monthly', 'monthly')
    .option('--alert-at <percents>', 'thresholds in percent, 1 to 1000', '80,100')
    .option('--rollover', 'carry unspent money into the next month (monthly budgets)')
    .option('--currency <code>', 'the currency of the budget; spending in it counts (default: the one most accounts are in)')
    .option(
      '--all-currencies',
      'count spending in every currency, each row at its day’s rate (the budget is in the home currency)',
    )
    .option('--create', 'make the category if it does not exist yet')
    .addHelpText(
      'after',
      examples(
        'finagg budget set groceries 500',
        'finagg budget set dining 75 --period weekly --alert-at 50,90,100',
        'finagg budget set travel 200 --rollover',
        'finagg budget set groceries 400 --currency EUR',
      ),
    )
    .action(cli.action(() => import('../actions/budget-set')));

  budget
    .command('list', { isDefault: true })
    .description('budgets and their progress in the current period')
    .addHelpText('after', examples('finagg budget list', 'finagg budget list --json'))
    .action(cli.action(() => import('../actions/budget-list')));

  budget
    .command('rm')
    .description('remove the budget of a category')
    .argument('<category>', 'the category')
    .addHelpText('after', examples('finagg budget rm dining'))
    .action(cli.action(() => import('../actions/budget-rm')));
}
