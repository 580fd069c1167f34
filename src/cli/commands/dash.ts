import type { Command } from 'commander';
import type { Cli } from '../cli';
import { loadDashboard } from '../load-dashboard';
import { examples } from '../render/help';

export function registerDash(program: Command, cli: Cli): void {
  program
    .command('dash')
    .description('the dashboard: balances, budgets, transactions, anomalies, live (also bare finagg on a terminal)')
    .addHelpText(
      'after',
      `
Keys: Tab panels, arrows or j/k move, Enter details, / search, c category filter,
e change category, s sync, a alerts, d dismiss anomaly, ? help, q quit.
It picks up what the daemon writes while it is open.` + examples('finagg dash', 'finagg', 'NO_COLOR=1 finagg dash'),
    )
    .action(
      cli.action(
        () => {
          // Started now, so it loads while the context opens.
          void loadDashboard().catch(() => undefined);
          return import('../actions/dash');
        },
        { banks: true },
      ),
    );
}
