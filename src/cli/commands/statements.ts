import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

/** Statement files in and out: import (OFX, QFX, QIF, CAMT.053, CSV) and export (CSV, JSON, ledger). */
export function registerStatements(program: Command, cli: Cli): void {
  program
    .command('import')
    .description('a statement file (OFX, QFX, QIF, CAMT.053 or CSV) into a manual account, through the sync pipeline')
    .argument('<file>', 'the statement file')
    .requiredOption('--account <id>', 'the manual account (id or name; finagg accounts add makes one)')
    .option('--format <format>', 'ofx, qfx, qif, camt or csv (found from the content when not given)')
    .option('--statement <number>', 'of a file with several accounts, only the statement of this account number')
    .option('--dry-run', 'show what would be inserted and updated; write nothing')
    .option('--date-format <format>', 'CSV dates, such as DD/MM/YYYY or MM/DD/YY (found when not given)')
    .option('--decimal <separator>', 'CSV decimal separator: . or , (found when not given)')
    .option(
      '--columns <mapping>',
      'CSV columns by header name or number: date=...,description=...,amount=... (or debit=,credit=)',
    )
    .addHelpText(
      'after',
      `
A CSV's columns are found from its header (date, description, amount, or debit and
credit, and a balance); the mapping, date format and decimal separator are remembered
for the account; a CSV without a header takes its columns by number. A statement's
account number is remembered too: a file of several accounts' statements puts each into
the account that holds its number. Importing a file again, or one that overlaps, adds
nothing.` +
        examples(
          'finagg import statement.ofx --account "Credit Union"',
          'finagg import export.csv --account 4 --dry-run',
          'finagg import umsaetze.csv --account Girokonto --date-format DD.MM.YYYY --decimal ,',
          'finagg import bank.csv --account 4 --columns date=Posted,description=Payee,amount=Amount',
          'finagg import no-header.csv --account 4 --columns date=1,description=2,amount=3',
          'finagg import quicken.qif --account "Old Checking"',
        ),
    )
    .action(cli.action(() => import('../actions/import')));

  program
    .command('export')
    .description('transactions as CSV, JSON or a journal for hledger and ledger')
    .option('--format <format>', 'csv, json or ledger', 'csv')
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .option('--from <date>', 'on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'on or before this date (YYYY-MM-DD)')
    .option('--account <id>', 'only this account (id or name)')
    .addHelpText(
      'after',
      `
The ledger journal has accounts such as assets:bank:<name>, liabilities:card:<name>
and expenses:<category>, and an opening balance per account, so that its balances
agree with finagg accounts (as of --to, when given).` +
        examples(
          'finagg export --format ledger --out finances.journal && hledger -f finances.journal balance',
          'finagg export --format csv --from 2026-01-01 > 2026.csv',
          'finagg export --format json --account 3 --out checking.json',
        ),
    )
    .action(cli.action(() => import('../actions/export')));
}
