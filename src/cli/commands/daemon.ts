import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerDaemon(program: Command, cli: Cli): void {
  const daemon = program
    .command('daemon')
    .description('sync on a schedule in the foreground (for systemd, launchd or tmux); one per data dir')
    .option('--every <duration>', 'how often: 90s, 15m, 1h (at least 2s; default: config daemon.every)')
    .option('--cron <expr>', 'on a cron expression instead, such as "*/30 * * * *"')
    .option('--once', 'one round, then exit')
    .addHelpText(
      'after',
      `
Each round syncs every linked bank that is due, checks the new rows for anomalies,
evaluates budgets and delivers alerts. A bank that keeps failing is tried less often
(exponential backoff with jitter); one that asks you to log in again is skipped, with
one alert. SIGINT or SIGTERM finishes the page in flight and exits 0.` +
        examples('finagg daemon', 'finagg daemon --every 5m', 'finagg daemon --cron "0 * * * *"', 'finagg daemon status --json'),
    )
    .action(cli.action(() => import('../actions/daemon'), { banks: true }));

  daemon
    .command('status')
    .description('whether the daemon runs, its pid, last and next run')
    .action(cli.action(() => import('../actions/daemon-status')));

  daemon
    .command('stop')
    .description('ask the running daemon to stop, and wait for it')
    .action(cli.action(() => import('../actions/daemon-stop')));

  daemon
    .command('install')
    .description('write a systemd user unit (Linux) or a launchd agent (macOS) that runs the daemon')
    .option('--print', 'show it, write nothing')
    .action(cli.action(() => import('../actions/daemon-install')));
}
