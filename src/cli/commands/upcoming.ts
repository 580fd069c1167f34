import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerUpcoming(program: Command, cli: Cli): void {
  program
    .command('upcoming')
    .description("expected bills and income, and where each account's balance is heading")
    .option('--days <n>', 'how far ahead, in days (1 to 366)', '30')
    .addHelpText(
      'after',
      `
Each recurring stream's next occurrences, and per account today's balance plus them plus
your usual everyday spending (the median of each weekday over the last 12 weeks).
${examples('finagg upcoming', 'finagg upcoming --days 14', 'finagg upcoming --json')}`,
    )
    .action(cli.action(() => import('../actions/upcoming')));
}
