import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

/** EUR reference rates: the stored ones, an update from the ECB, a file of one's own. */
export function registerRates(program: Command, cli: Cli): void {
  const rates = program
    .command('rates')
    .description('EUR reference rates by day (ECB), stored for valuing money in one home currency')
    .option('--currency <code>', 'only this currency (ISO 4217, such as USD)')
    .option('--from <date>', 'on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'on or before this day (YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many rates, newest first', '50')
    .addHelpText(
      'after',
      `
A rate is units of a currency per euro, as the ECB publishes them (USD 1.0512: one euro
costs 1.0512 dollars); other pairs go through the euro. A day without a rate (a weekend,
a holiday) takes the latest one before it. SOURCE says where a rate came from: ecb,
simulated (the demo's series), or file:<name> (an imported file of price directives).
${examples(
  'finagg rates',
  'finagg rates --currency USD --from 2026-01-01 --limit 400',
  'finagg rates update',
  'finagg rates import eurofxref-hist.csv',
  'finagg rates --json',
)}`,
    )
    .action(cli.action(() => import('../actions/rates')));
  rates
    .command('update')
    .description('fetch the ECB’s reference rates (over HTTPS) and store what is new')
    .addHelpText(
      'after',
      `
The last 90 days, or the whole history since 1999 when none of the ECB's is stored or the
latest is more than 80 days old. The daemon does this once a day when your money is in
more than one currency. FINAGG_ECB_URL overrides where they come from (default
https://www.ecb.europa.eu/stats/eurofxref).
${examples('finagg rates update', 'finagg rates update --json')}`,
    )
    .action(cli.action(() => import('../actions/rates-update')));
  rates
    .command('import <file>')
    .description('rates from a file: the ECB’s CSV or XML, or ledger/hledger price directives (P lines)')
    .addHelpText(
      'after',
      `
The kind is found from the content: the ECB's eurofxref.csv, eurofxref-hist.csv and
their XML files; or price directives such as

  P 2026-11-20 EUR 1.0512 USD     (one euro costs 1.0512 dollars)
  P 2026-11-20 NOK 0.0851 EUR     (one krone costs 0.0851 euros)
  P 2026-11-20 GBP 1.2710 USD     (through the dollar's rate per euro that day)

A file with one bad line stores nothing; a day imported again replaces the stored rate.
${examples('finagg rates import eurofxref-hist.csv', 'finagg rates import prices.journal --json')}`,
    )
    .action(cli.action(() => import('../actions/rates-import')));
}
