import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

/**
 * `--to` given more than once: every target it names. The subcommands' `--to` is the
 * parent's too (commander reads a parent's options anywhere), so they read it with the globals.
 */
const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Backups of the database. Once `backup init` made a recovery key, every backup is one
 * age file encrypted to it, written to the data dir and to each target (backup.to);
 * before that, a plain verified copy in the data dir.
 */
export function registerBackups(program: Command, cli: Cli): void {
  const backup = program
    .command('backup')
    .description('a verified backup: encrypted to the recovery key and written to every target once backup init made one')
    .option('--out <file>', 'where to write it (default: backups/ in the data dir); never overwritten')
    .option('--to <target>', 'write to this folder or rclone:<remote>:<path> instead of backup.to (repeatable)', collect)
    .addHelpText(
      'after',
      examples('finagg backup', 'finagg backup --to ~/Sync/finagg --json', 'finagg backup --out ~/safe/finagg.db --json'),
    )
    .action(cli.action(() => import('../actions/backup')));

  backup
    .command('init')
    .description('make the recovery key (shown once) that backups are encrypted to, and where they go')
    .option('--to <target>', 'a folder or rclone:<remote>:<path> to write backups to (repeatable)', collect)
    .addHelpText(
      'after',
      examples('finagg backup init --to ~/Dropbox/finagg', 'finagg backup init --to rclone:b2:my-bucket/finagg'),
    )
    .action(cli.action(() => import('../actions/backup-init')));

  backup
    .command('list')
    .description('the encrypted backups in the data dir and at each target, newest first')
    .option('--to <target>', 'only this folder or rclone:<remote>:<path> (repeatable)', collect)
    .addHelpText('after', examples('finagg backup list', 'finagg backup list --to rclone:b2:my-bucket/finagg --json'))
    .action(cli.action(() => import('../actions/backup-list')));

  backup
    .command('rotate-key')
    .description('a new recovery key for the backups that follow (older ones open with the old key)')
    .action(cli.action(() => import('../actions/backup-rotate-key')));

  program
    .command('restore')
    .description('make a backup the database again, here or on a new machine; the current one is kept aside')
    .argument('<file>', 'a backup file, or a folder or rclone:<remote>:<path> (its newest backup)')
    .option('--recovery-key-stdin', 'read the recovery key from stdin (asked without echo on a terminal otherwise)')
    .addHelpText(
      'after',
      examples(
        'finagg restore ~/Dropbox/finagg --recovery-key-stdin < key.txt',
        'finagg restore rclone:b2:my-bucket/finagg',
        'finagg restore ~/.local/share/finagg/backups/daily-2026-11-22.db',
      ),
    )
    .action(cli.action(() => import('../actions/restore')));
}
