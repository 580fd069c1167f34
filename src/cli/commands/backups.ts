import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

/** Backups of the database: made online and verified; restored with the old file kept. */
export function registerBackups(program: Command, cli: Cli): void {
  program
    .command('backup')
    .description('an online, verified copy of the database (the daemon also keeps one a day, seven days)')
    .option('--out <file>', 'where to write it (default: backups/ in the data dir); never overwritten')
    .addHelpText('after', examples('finagg backup', 'finagg backup --out ~/safe/finagg.db --json'))
    .action(cli.action(() => import('../actions/backup')));

  program
    .command('restore')
    .description('make a backup the database again; the current one is kept aside (not while the daemon runs)')
    .argument('<file>', 'a backup (finagg doctor lists them)')
    .addHelpText('after', examples('finagg restore ~/.local/share/finagg/backups/daily-2026-11-22.db'))
    .action(cli.action(() => import('../actions/restore')));
}
