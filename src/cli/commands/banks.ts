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
    .option('--app-id <id>', 'Enable Banking: your application id (given once, then kept sealed)')
    .option('--key-file <pem>', "Enable Banking: your application's private key file (given once, then kept sealed)")
    .option('--bank <name>', 'Enable Banking: the bank, by its exact name (see finagg banks)')
    .option('--country <CC>', "Enable Banking: the bank's country, such as DE")
    .option('--no-browser', 'Enable Banking: print the consent URL and read the address you land on from stdin')
    .option('--relink <connection>', 'Enable Banking: renew this connection’s consent, keeping its accounts and history')
    .option('--no-sync', 'do not sync after linking')
    .addHelpText(
      'after',
      examples(
        'finagg link banka',
        'finagg link bankb --yes --no-sync',
        'finagg link simplefin',
        'pbpaste | finagg link simplefin --token-stdin',
        'finagg link enablebanking --app-id 8f1c… --key-file app.pem --bank "Finagg Testbank" --country DE',
        'finagg link enablebanking --relink 4',
      ),
    )
    .action(cli.action(() => import('../actions/link'), { banks: true }));

  program
    .command('banks')
    .description('banks you can link through Enable Banking in a country, with the longest consent each allows')
    .requiredOption('--country <CC>', 'two-letter country code, such as DE or FI')
    .option('--search <text>', 'only banks whose name holds this text')
    .option('--app-id <id>', 'your Enable Banking application id (when not linked yet; kept sealed)')
    .option('--key-file <pem>', "your application's private key file (with --app-id)")
    .addHelpText(
      'after',
      examples(
        'finagg banks --country DE --search spark',
        'finagg banks --country FI --app-id 8f1c… --key-file app.pem',
        'finagg banks --country DE --json',
      ),
    )
    .action(cli.action(() => import('../actions/banks'), { banks: true }));

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
