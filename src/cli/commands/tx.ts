import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerTx(program: Command, cli: Cli): void {
  const tx = program
    .command('tx')
    .description('list transactions, newest first')
    .option('--category <name>', 'only this category')
    .option('--account <id>', 'only this account (id or name)')
    .option('--merchant <text>', 'merchant contains this text')
    .option('--search <text>', 'description, merchant or note contains this text')
    .option('--from <date>', 'on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'on or before this date (YYYY-MM-DD)')
    .option('--min <amount>', 'amount at least this size, in or out')
    .option('--max <amount>', 'amount at most this size, in or out')
    .option('--pending', 'only pending transactions')
    .option('--review', 'only split rows whose amount the bank changed since (split them again)')
    .option('--limit <n>', 'at most this many rows', '50')
    .option('--offset <n>', 'skip this many rows first', '0')
    .option('--sort <key>', 'date, or amount (largest first)', 'date')
    .option('--asc', 'oldest (or smallest) first')
    .option('--csv', 'CSV on stdout')
    .addHelpText(
      'after',
      examples(
        'finagg tx --category groceries --limit 10',
        'finagg tx --search coffee --from 2026-01-01 --json',
        'finagg tx --min 500 --sort amount --csv > big.csv',
      ),
    )
    .action(cli.action(() => import('../actions/tx')));

  tx.command('show')
    .description('one transaction with everything finagg knows of it')
    .argument('<id>', 'transaction id')
    .addHelpText('after', examples('finagg tx show 42', 'finagg tx show 42 --json'))
    .action(cli.action(() => import('../actions/tx-show')));

  tx.command('edit')
    .description('change a category, merchant or note by hand (audited; rules and syncs leave it alone)')
    .argument('<id>', 'transaction id')
    .option('--category <name>', 'the category')
    .option('--create', 'make the category if it does not exist yet')
    .option('--merchant <name>', 'the merchant name')
    .option('--note <text>', 'a note of your own ("" clears it)')
    .option('--transfer <other-id>', 'pair with the other side of a move between your own accounts')
    .option('--not-transfer', 'unpair, and keep automatic pairing away from this row')
    .addHelpText(
      'after',
      examples(
        'finagg tx edit 42 --category dining',
        'finagg tx edit 42 --merchant "Blue Bottle" --note "with Sam"',
        'finagg tx edit 42 --transfer 97',
        'finagg tx edit 42 --not-transfer',
      ),
    )
    .action(cli.action(() => import('../actions/tx-edit')));

  tx.command('split')
    .description('divide one purchase across categories; budgets and reports count each part (audited)')
    .argument('<id>', 'transaction id')
    .argument('[parts...]', 'category=amount, two or more, summing to the transaction (no sign)')
    .option('--clear', 'undo the split: the row keeps its main category')
    .addHelpText('after', examples('finagg tx split 42 groceries=80 home-improvement=40.50', 'finagg tx split 42 --clear'))
    .action(cli.action(() => import('../actions/tx-split')));
}
