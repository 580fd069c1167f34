import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

/** The commands about linked banks: providers, link, unlink, connections, accounts. */
export function registerBanks(program: Command, cli: Cli): void {
  program
    .command('providers')
    .description('banks that can be linked')
    .addHelpText('after', examples('finagg providers', 'finagg providers --json'))
    .action(cli.action(() => import('../actions/providers'), { banks: true }));

  program
    .command('link')
    .description(
      'link a bank: approve access at the bank (OAuth), or claim a SimpleFIN setup token; save the connection and its accounts',
    )
    .argument('<provider>', 'bank to link (see finagg providers)')
    .option('-y, --yes', 'approve the consent without asking')
    .option('--token-stdin', 'read the setup token (SimpleFIN) from stdin instead of asking')
    .option('--no-sync', 'do not sync after linking')
    .addHelpText(
      'after',
      examples(
        'finagg link banka',
        'finagg link bankb --yes --no-sync',
        'finagg link simplefin',
        'pbpaste | finagg link simplefin --token-stdin',
      ),
    )
    .action(cli.action(() => import('../actions/link'), { banks: true }));

  program
    .command('unlink')
    .description('revoke and delete a bank connection’s tokens; keeps history unless --purge')
    .argument('<connection>', 'connection id, or bank id')
    .option('--purge', 'also delete its accounts and transactions')
    .addHelpText('after', examples('finagg unlink banka', 'finagg unlink 2 --purge'))
    .action(cli.action(() => import('../actions/unlink'), { banks: true }));

  program
    .command('connections')
    .description('linked banks and their health')
    .option('--all', 'include revoked connections')
    .addHelpText('after', examples('finagg connections', 'finagg connections --json'))
    .action(cli.action(() => import('../actions/connections'), { banks: true }));

  const accounts = program
    .command('accounts')
    .description('accounts with balances, and net worth')
    .addHelpText('after', examples('finagg accounts', 'finagg accounts --json'))
    .action(cli.action(() => import('../actions/accounts')));

  accounts
    .command('add')
    .description('a manual account, for statements you import (finagg import)')
    .requiredOption('--name <name>', 'what to call it')
    .requiredOption('--type <type>', 'checking, savings, credit, loan or investment')
    .requiredOption('--currency <code>', 'its currency, such as USD or EUR')
    .addHelpText(
      'after',
      examples(
        'finagg accounts add --name "Credit Union" --type checking --currency USD',
        'finagg accounts add --name Amex --type credit --currency USD --json',
      ),
    )
    .action(cli.action(() => import('../actions/accounts-add')));
}
