import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerAlerts(program: Command, cli: Cli): void {
  const alerts = program
    .command('alerts')
    .description('alerts not yet acknowledged (budget thresholds crossed)')
    .option('--all', 'acknowledged ones too')
    .addHelpText('after', examples('finagg alerts', 'finagg alerts --all --json', 'finagg alerts ack --all'))
    .action(cli.action(() => import('../actions/alerts')));

  alerts
    .command('ack')
    .description('acknowledge an alert, or all of them')
    .argument('[id]', 'alert id')
    .option('--all', 'every open alert')
    .addHelpText('after', examples('finagg alerts ack 3', 'finagg alerts ack --all'))
    .action(cli.action(() => import('../actions/alerts-ack')));

  alerts
    .command('test')
    .description('send a test alert through each configured channel and say what happened to each')
    .option('--channel <name>', 'only this channel: email, push, webhook, command or desktop')
    .addHelpText('after', examples('finagg alerts test', 'finagg alerts test --channel email', 'finagg alerts test --json'))
    .action(cli.action(() => import('../actions/alerts-test')));
}
