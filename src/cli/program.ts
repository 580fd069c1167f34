import { Command } from 'commander';
import { VERSION } from '../version';
import type { Cli } from './cli';
import { registerAlerts } from './commands/alerts';
import { registerAnomalies } from './commands/anomalies';
import { registerTransfers } from './commands/transfers';
import { registerReport } from './commands/report';
import { registerRates } from './commands/rates';
import { registerRecurring } from './commands/recurring';
import { registerUpcoming } from './commands/upcoming';
import { registerAudit } from './commands/audit';
import { registerBackups } from './commands/backups';
import { registerBanks } from './commands/banks';
import { registerBudget } from './commands/budget';
import { registerCategories } from './commands/categories';
import { registerConfig } from './commands/config';
import { registerDaemon } from './commands/daemon';
import { registerDash } from './commands/dash';
import { registerDemo } from './commands/demo';
import { registerDoctor } from './commands/doctor';
import { registerRules } from './commands/rules';
import { registerStatements } from './commands/statements';
import { registerSync } from './commands/sync';
import { registerTx } from './commands/tx';

/** The command tree. Each command lives in commands/ and registers itself here. */
export function buildProgram(cli: Cli): Command {
  const program = new Command('finagg')
    .description('A local-first personal finance aggregator for the terminal.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--home <dir>', 'data dir (default: $FINAGG_HOME, else the platform data dir)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'plain output without colour')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cli.io.stdout.write(text),
      writeErr: (text) => cli.io.stderr.write(text),
      // Errors are rendered by main.ts as one line in finagg's own form.
      outputError: () => undefined,
    })
    .addHelpText(
      'after',
      `
Environment: FINAGG_HOME, FINAGG_NOW, FINAGG_SEED, NO_COLOR, FINAGG_DEBUG=1 (see the README).

Examples:
  $ finagg            (the dashboard, on a terminal)
  $ finagg demo
  $ finagg link banka
  $ finagg sync
  $ finagg tx --category groceries --limit 10`,
    );
  registerBanks(program, cli);
  registerSync(program, cli);
  registerStatements(program, cli);
  registerTx(program, cli);
  registerCategories(program, cli);
  registerRules(program, cli);
  registerBudget(program, cli);
  registerAlerts(program, cli);
  registerAnomalies(program, cli);
  registerTransfers(program, cli);
  registerReport(program, cli);
  registerRecurring(program, cli);
  registerUpcoming(program, cli);
  registerRates(program, cli);
  registerAudit(program, cli);
  registerDaemon(program, cli);
  registerConfig(program, cli);
  registerDash(program, cli);
  registerDemo(program, cli);
  registerDoctor(program, cli);
  registerBackups(program, cli);
  return program;
}
