import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerReport(program: Command, cli: Cli): void {
  const report = program
    .command('report')
    .description('cash flow per month and currency: income, spending by category, net (transfers between your accounts cancel)')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--csv', 'as CSV, one row a month and currency')
    .option('--top', 'spending by top-level category (food, not groceries and dining)')
    .option(
      '--home-currency',
      'in the home currency (currency.home), each row at its day’s rate, with what rates did (fx); --home is the data dir',
    )
    .addHelpText(
      'after',
      examples(
        'finagg report',
        'finagg report --from 2026-01 --to 2026-06 --json',
        'finagg report --top',
        'finagg report networth',
        'finagg report --home-currency --from 2026-06',
        'finagg report networth --home-currency --json',
      ),
    )
    .action(cli.action(() => import('../actions/report')));

  report
    .command('networth')
    .description('net worth at each month end, per currency, from the balances and the rows')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--home-currency', 'one net worth in the home currency, each currency at its month-end rate')
    .action(cli.action(() => import('../actions/report-networth')));
}
