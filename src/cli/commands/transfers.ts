import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerTransfers(program: Command, cli: Cli): void {
  program
    .command('transfers')
    .description('pairs of rows that move money between your own accounts')
    .option('--account <id>', 'only pairs touching this account (id or name)')
    .option('--review', 'candidates not paired automatically: too weak, or contested')
    .addHelpText('after', examples('finagg transfers', 'finagg transfers --review', 'finagg transfers --account 1 --json'))
    .action(cli.action(() => import('../actions/transfers')));
}
