import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';
import { DEMO_ENV } from '../helpers/dashboard';

// The real dashboard of the built CLI, in a real terminal: tmux at 80x24.
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasTmux) console.log('skipping the tmux dashboard test: tmux is not installed');

const BIN = path.resolve(__dirname, '../../bin/finagg.js');
const socket = `finagg-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);

async function waitFor(session: string, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen(session);
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`not on the screen: ${String(text)}\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForExit(session: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (spawnSync('tmux', ['-L', socket, 'has-session', '-t', session], { stdio: 'ignore' }).status === 0) {
    if (Date.now() - start > timeoutMs) throw new Error(`${session} did not exit:\n${screen(session)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `finagg <args>` in a new 80x24 session with only the environment given. */
function start(session: string, home: string, args: string[], extra: Record<string, string> = {}): void {
  const env = { ...DEMO_ENV, FINAGG_HOME: home, NO_COLOR: '1', ...extra };
  const command = [
    'env',
    '-i',
    `PATH=${process.env.PATH}`,
    `HOME=${process.env.HOME}`,
    'TERM=xterm-256color',
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    process.execPath,
    BIN,
    ...args,
  ]
    .map((w) => `'${w.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
}

describe.skipIf(!hasTmux)('dashboard in tmux at 80x24', () => {
  let home: string;

  beforeAll(async () => {
    home = freshHome();
    const r = await runCli(['demo', '--json'], { ...DEMO_ENV, FINAGG_HOME: home });
    expect(r.code).toBe(0);
  }, 120_000);

  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  });

  it('shows the panels, answers ?, /, c, s and quits on q', async () => {
    start('dash', home, ['dash']);
    const first = await waitFor('dash', /6-month trend \(USD\)[\s\S]*Nov/);
    for (const title of ['Accounts', 'Budgets', 'Spending this month', 'Transactions', 'Anomalies'])
      expect(first).toContain(title);
    const lines = first.split('\n');
    expect(lines[0]).toMatch(/^finagg │ (net worth )?-?\$/);
    // Nothing scrolled off: the header is still the top line after the first frame.
    expect(lines.slice(0, 24).join('\n')).toContain('Everyday Checking');

    tmux('send-keys', '-t', 'dash', '?');
    await waitFor('dash', 'this help');
    tmux('send-keys', '-t', 'dash', 'Escape');
    await waitFor('dash', 'Anomalies');

    // What is coming: the next bills with their dates and amounts, and where checking is heading.
    await waitFor('dash', /Next 30 days[\s\S]*\d\d-\d\d \S.*\$[\d,]+\.\d\d[\s\S]*Checking low +-?\$[\d,]+\.\d\d \d\d-\d\d/);

    // w switches the trend between spending and net worth at each month end.
    tmux('send-keys', '-t', 'dash', 'w');
    await waitFor('dash', /Net worth \(USD\)[\s\S]*Nov/);
    tmux('send-keys', '-t', 'dash', 'w');
    await waitFor('dash', '6-month trend (USD)');

    tmux('send-keys', '-t', 'dash', '/');
    await waitFor('dash', 'Enter search');
    tmux('send-keys', '-t', 'dash', '-l', 'a');
    tmux('send-keys', '-t', 'dash', 'Enter');
    await waitFor('dash', 'Transactions · "a"');

    tmux('send-keys', '-t', 'dash', 'c');
    await waitFor('dash', 'Filter by category');
    tmux('send-keys', '-t', 'dash', 'j');
    tmux('send-keys', '-t', 'dash', 'Enter');
    await waitFor('dash', /Transactions · [a-z]+ · "a"/);
    tmux('send-keys', '-t', 'dash', 'Escape');
    await waitFor('dash', 'filters cleared');

    tmux('send-keys', '-t', 'dash', 's');
    const synced = await waitFor('dash', 'done:');
    expect(synced).toContain('✓ banka Everyday Checking');
    tmux('send-keys', '-t', 'dash', 'Escape');
    await waitFor('dash', 'Anomalies');

    tmux('send-keys', '-t', 'dash', 'q');
    await waitForExit('dash');
  }, 90_000);

  it('bare finagg opens it on a terminal', async () => {
    start('bare', home, []);
    await waitFor('bare', 'Transactions');
    tmux('send-keys', '-t', 'bare', 'q');
    await waitForExit('bare');
  }, 60_000);

  it('finagg demo in a terminal ends in the dashboard with the demo data', async () => {
    const fresh = freshHome();
    start('demo', fresh, ['demo']);
    const screenText = await waitFor('demo', /Transactions · 1[\s\S]*Everyday Checking/, 60_000);
    expect(screenText).toContain('groceries');
    tmux('send-keys', '-t', 'demo', 'q');
    await waitForExit('demo');
  }, 90_000);
});
