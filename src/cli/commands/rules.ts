import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerRules(program: Command, cli: Cli): void {
  const rules = program
    .command('rules')
    .description('your categorization rules: they win over the built-in categorizer and the bank')
    .addHelpText(
      'after',
      `
A rule matches whole words of text (any case), or a /regex/ (any case), in the
description or the merchant; it can require an amount range and an account. The
highest priority wins. Your own edits (finagg tx edit) win over every rule.` +
        examples(
          'finagg rules add --match "blue bottle" --category dining',
          'finagg rules add --match "/^SQ \\*FARM/" --category groceries --rename "Farmers Market"',
          'finagg rules test "PAYPAL *SPOTIFY" --amount -9.99',
          'finagg rules apply --dry-run',
        ),
    );

  rules
    .command('list', { isDefault: true })
    .description('rules in the order they are tried (yours; --learned: the habits learned from your edits, tried after yours)')
    .option('--learned', 'what finagg learned from your edits')
    .addHelpText('after', examples('finagg rules list', 'finagg rules list --learned', 'finagg rules list --json'))
    .action(cli.action(() => import('../actions/rules-list')));

  rules
    .command('keep')
    .description('make a habit learned from your edits a rule of yours')
    .argument('<id>', 'learned rule id (finagg rules list --learned)')
    .addHelpText('after', examples('finagg rules keep 4'))
    .action(cli.action(() => import('../actions/rules-keep')));

  rules
    .command('add')
    .description('add a rule (new transactions get it at once; finagg rules apply for stored ones)')
    .requiredOption('--match <text>', 'text (whole words, any case) or /regex/')
    .option('--field <field>', 'description or merchant', 'description')
    .option('--min <amount>', 'only amounts at least this size, in or out')
    .option('--max <amount>', 'only amounts at most this size, in or out')
    .option('--account <id>', 'only this account (id or name)')
    .requiredOption('--category <name>', 'the category to set (a new name makes a new category)')
    .option('--rename <merchant>', 'also set the merchant name')
    .option('--priority <n>', 'higher wins when several rules match', '0')
    .addHelpText(
      'after',
      examples(
        'finagg rules add --match netflix --category subscriptions',
        'finagg rules add --match "/amzn|amazon/" --max 15 --category subscriptions --priority 5',
        'finagg rules add --match "acme corp" --field merchant --category income --account 2',
      ),
    )
    .action(cli.action(() => import('../actions/rules-add')));

  rules
    .command('rm')
    .description('remove a rule (its transactions keep their category until finagg rules apply)')
    .argument('<id>', 'rule id')
    .addHelpText('after', examples('finagg rules rm 3'))
    .action(cli.action(() => import('../actions/rules-rm')));

  rules
    .command('test')
    .description('show what a transaction with this text would get')
    .argument('<description>', 'the statement text')
    .option('--merchant <name>', "the bank's merchant name, if it gives one")
    .option('--amount <n>', 'the amount, negative for money out', '-1')
    .option('--account <id>', 'as if on this account (id or name)')
    .addHelpText(
      'after',
      examples(
        'finagg rules test "SQ *BLUE BOTTLE COFFEE San Francisco CA"',
        'finagg rules test "ACH DEP ACME PAYROLL" --amount 2500 --json',
      ),
    )
    .action(cli.action(() => import('../actions/rules-test')));

  rules
    .command('apply')
    .description('categorize stored transactions again with the current rules (never over your own edits)')
    .option('--dry-run', 'show what would change, change nothing')
    .addHelpText('after', examples('finagg rules apply --dry-run', 'finagg rules apply --json'))
    .action(cli.action(() => import('../actions/rules-apply')));
}
