import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerSync(program: Command, cli: Cli): void {
  program
    .command('sync')
    .description('fetch new transactions from the linked banks')
    .option('--account <id>', 'only this account (id or name)')
    .option('--connection <id>', 'only this connection (id or bank id)')
    .option('--full', 'refetch the whole history window, ignoring cursors')
    .addHelpText('after', examples('finagg sync', 'finagg sync --connection bankb', 'finagg sync --full --json'))
    .action(cli.action(() => import('../actions/sync'), { banks: true }));

  program
    .command('sync-log')
    .description('past sync runs, newest first')
    .option('--account <id>', 'only this account (id or name)')
    .option('--limit <n>', 'at most this many runs', '20')
    .addHelpText('after', examples('finagg sync-log', 'finagg sync-log --account 2 --limit 5 --json'))
    .action(cli.action(() => import('../actions/sync-log')));
}
