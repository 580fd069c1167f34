import { beforeAll, describe, expect, it } from 'vitest';
import { freshHome, runCli, spawnCli } from '../helpers/cli';
import { DEMO_ENV } from '../helpers/dashboard';

// How the built CLI reaches the dashboard, and what it does off a terminal.
describe('finagg dash from the command line', () => {
  let home: string;

  beforeAll(async () => {
    home = freshHome();
    expect((await runCli(['demo', '--json'], { ...DEMO_ENV, FINAGG_HOME: home })).code).toBe(0);
  }, 120_000);

  it('refuses to open off a terminal, in one line, exit 2', async () => {
    const r = await runCli(['dash'], { ...DEMO_ENV, FINAGG_HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^finagg: the dashboard needs a terminal/);
  });

  it('bare finagg off a terminal prints the help, as before', async () => {
    const r = await runCli([], { ...DEMO_ENV, FINAGG_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: finagg');
    expect(r.stdout).toMatch(/\n  dash\b/);
  });

  it('draws one frame and exits with FINAGG_DASH_EXIT_AFTER_FIRST_FRAME=1 (the benchmark)', () => {
    const r = spawnCli(['dash'], { ...DEMO_ENV, FINAGG_HOME: home, NO_COLOR: '1', FINAGG_DASH_EXIT_AFTER_FIRST_FRAME: '1' });
    expect(r.code).toBe(0);
    for (const panel of ['Accounts', 'Budgets', 'Spending this month', 'Transactions · 1', 'Anomalies', '6-month trend'])
      expect(r.stdout).toContain(panel);
    expect(r.stderr).toBe('');
  });

  it('demo off a terminal still prints its summary', async () => {
    const r = await runCli(['demo'], { ...DEMO_ENV, FINAGG_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Spending this month');
    expect(r.stdout).not.toContain('╔');
  });
});
