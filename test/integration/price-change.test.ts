import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

/**
 * A subscription's price rise is one finding: the price_increase anomaly of the first
 * charge at the new price, which the stream links (and its listing tells), not a second
 * alert of its own.
 */
describe('a subscription that went up', () => {
  it('links the price_increase anomaly of the first charge at the new price', async () => {
    const home = freshHome();
    const env = { FINAGG_HOME: home, FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-10-20T12:00:00Z' };
    const cli = async (...argv: string[]) => {
      const r = await runCli(argv, env);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    await cli('accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD');
    const lines = ['Date,Description,Amount', '2025-12-01,OPENING DEPOSIT,5000.00'];
    for (let m = 1; m <= 10; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      lines.push(`${month}-03,ACME CORP PAYROLL,3000.00`, `${month}-14,NETFLIX.COM,${m <= 7 ? '-15.49' : '-17.99'}`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-price-'));
    fs.writeFileSync(path.join(dir, 'statement.csv'), `${lines.join('\n')}\n`);
    await cli('import', path.join(dir, 'statement.csv'), '--account', 'Everyday');

    const anomalies = JSON.parse(await cli('anomalies', '--days', '365', '--json')) as {
      id: number;
      transaction_id: number;
      type: string;
    }[];
    const rise = anomalies.filter((a) => a.type === 'price_increase');
    expect(rise).toHaveLength(1);
    const streams = JSON.parse(await cli('recurring', '--json')) as {
      merchant: string;
      kind: string;
      amount: number;
      price_change: { from: number; to: number; date: string; transaction_id: number; anomaly_id: number | null } | null;
    }[];
    const netflix = streams.find((s) => s.merchant.toLowerCase().includes('netflix'))!;
    expect(netflix).toMatchObject({ kind: 'subscription', amount: -17.99 });
    expect(netflix.price_change).toEqual({
      from: -15.49,
      to: -17.99,
      date: '2026-08-14',
      transaction_id: rise[0]!.transaction_id,
      anomaly_id: rise[0]!.id,
    });
    expect(await cli('recurring')).toMatch(
      new RegExp(`went up from \\$15\\.49 to \\$17\\.99 on 2026-08-14 \\(anomaly ${rise[0]!.id}, see finagg anomalies\\)`),
    );
    // The streams raise no alert of their own about it: the anomaly is the finding.
    const alerts = JSON.parse(await cli('alerts', '--json', '--all')) as { type: string; message: string }[];
    expect(alerts.filter((a) => a.type.startsWith('stream_') && /netflix/i.test(a.message))).toEqual([]);
  });
});
