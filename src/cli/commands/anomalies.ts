import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerAnomalies(program: Command, cli: Cli): void {
  const anomalies = program
    .command('anomalies')
    .description('transactions that stand out: unusual amounts, new merchants, duplicates, price rises, spikes')
    .option('--account <id>', 'only this account (id or name)')
    .option('--days <n>', 'transactions of the last n days', '90')
    .option('--all', 'dismissed ones too')
    .option('--recompute', 'check the window again first (new rows are checked after every sync)')
    .addHelpText('after', examples('finagg anomalies', 'finagg anomalies --days 30 --json', 'finagg anomalies dismiss 4'))
    .action(cli.action(() => import('../actions/anomalies')));

  anomalies
    .command('dismiss')
    .description('hide an anomaly for good')
    .argument('<id>', 'anomaly id')
    .addHelpText('after', examples('finagg anomalies dismiss 4'))
    .action(cli.action(() => import('../actions/anomalies-dismiss')));
}
