import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerDemo(program: Command, cli: Cli): void {
  program
    .command('demo')
    .description('link the three simulated banks, sync them, and show what finagg sees')
    .addHelpText('after', examples('finagg demo', 'FINAGG_HOME=/tmp/demo FINAGG_SEED=7 finagg demo --json'))
    .action(cli.action(() => import('../actions/demo'), { banks: true }));
}
