import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerRecurring(program: Command, cli: Cli): void {
  const recurring = program
    .command('recurring')
    .description('recurring pay, bills, subscriptions and transfers found in your history')
    .option('--all', 'include streams that ended and those you ignore')
    .option('--account <id>', 'only the streams of this account (id or name)')
    .addHelpText('after', examples('finagg recurring', 'finagg recurring --all --json', 'finagg recurring ignore 12'))
    .action(cli.action(() => import('../actions/recurring')));
  recurring
    .command('ignore <id>')
    .description('stop tracking a stream, for good (audited)')
    .addHelpText('after', examples('finagg recurring ignore 12'))
    .action(cli.action(() => import('../actions/recurring-ignore')));
}
