import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerAudit(program: Command, cli: Cli): void {
  program
    .command('audit')
    .description('history of changed fields: who changed what, when and why')
    .option('--tx <id>', 'only this transaction')
    .option('--limit <n>', 'at most this many entries', '50')
    .addHelpText('after', examples('finagg audit', 'finagg audit --tx 42 --json'))
    .action(cli.action(() => import('../actions/audit')));
}
