import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerDoctor(program: Command, cli: Cli): void {
  program
    .command('doctor')
    .description('check the data dir, database, key store and daemon')
    .addHelpText('after', examples('finagg doctor', 'finagg doctor --json', 'FINAGG_HOME=/tmp/fa finagg doctor'))
    .action(cli.action(() => import('../actions/doctor')));
}
