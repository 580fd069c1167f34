import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

/**
 * Alerts from the streams, on a fixed clock, from a statement a person imports: a bill
 * that has not come, a new subscription, a stream that stopped, and an account projected
 * below `alerts.low_balance`; each raised once.
 */
function statement(rows: [string, string, number][]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-stream-alerts-'));
  const file = path.join(dir, 'statement.csv');
  fs.writeFileSync(file, ['Date,Description,Amount', ...rows.map(([d, t, a]) => `${d},${t},${a.toFixed(2)}`)].join('\n') + '\n');
  return file;
}

const month = (i: number, day: number) => {
  const y = 2026 + Math.floor((i - 1) / 12);
  const m = ((i - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

describe('alerts from recurring streams', () => {
  it('says once that the water bill is late, a subscription is new, one stopped, and the balance will dip', async () => {
    const home = freshHome();
    const env = (now: string) => ({ FINAGG_HOME: home, FINAGG_KEYSTORE: 'file', FINAGG_NOW: now });
    const cli = async (now: string, ...argv: string[]) => {
      const r = await runCli(argv, env(now));
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const NOW = '2026-10-20T12:00:00Z';
    await cli(NOW, 'accounts', 'add', '--name', 'Credit Union', '--type', 'checking', '--currency', 'USD');
    await cli(NOW, 'config', 'set', 'alerts.low_balance', '500');
    const rows: [string, string, number][] = [['2026-01-02', 'OPENING DEPOSIT', 2400]];
    for (let i = 1; i <= 9; i++) {
      // Rent on the 1st, pay on the 5th, water on the 6th (none in October: it is late).
      rows.push([month(i, 1), 'OAK STREET APTS RENT', -2900], [month(i, 5), 'ACME CORP PAYROLL', 3000]);
      rows.push([month(i, 6), 'CITY WATER UTILITY', -(40 + (i % 3) * 5)]);
      if (i <= 7) rows.push([month(i, 12), 'GYMPASS MONTHLY', -29.99]); // stopped after July
      if (i >= 7) rows.push([month(i, 20), 'STREAMFLIX TRIAL', -12.99]); // began in July
    }
    rows.push(['2026-10-01', 'OAK STREET APTS RENT', -2900], ['2026-10-05', 'ACME CORP PAYROLL', 3000]);
    await cli(NOW, 'import', statement(rows), '--account', 'Credit Union');

    const alerts = JSON.parse(await cli(NOW, 'alerts', '--json')) as { type: string; message: string }[];
    const of = (type: string) => alerts.filter((a) => a.type === type).map((a) => a.message);
    expect(of('stream_late')).toEqual([
      expect.stringMatching(/^City Water Utility is late: \$\d+\.\d\d expected on 2026-10-06/i),
    ]);
    expect(of('new_subscription')).toEqual([expect.stringMatching(/Streamflix/i)]);
    expect(of('stream_ended')).toEqual([expect.stringMatching(/Gympass/i)]);
    // Rent comes before pay: on November 1st the balance dips below $500.
    expect(of('low_balance')).toEqual([
      expect.stringMatching(/^Credit Union is projected to fall to -?\$[\d,.]+ on 2026-11-0[1-4], below \$500\.00/),
    ]);

    // Once each: a later run on the same facts raises nothing more.
    await cli('2026-10-21T12:00:00Z', 'import', statement(rows), '--account', 'Credit Union');
    const again = JSON.parse(await cli(NOW, 'alerts', '--json', '--all')) as { type: string }[];
    expect(again.length).toBe(alerts.length);

    const bad = await runCli(['config', 'set', 'alerts.low_balance', 'lots'], env(NOW));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/alerts\.low_balance/);
  });
});
