import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

/**
 * An import of a long statement brings thousands of new outflows at once, and pairing
 * asks only about those whose amount some older inflow has (app/transfers.ts). The one
 * outflow that moved money to savings, last of 1,500 in the file, is still paired with
 * the savings account's older inflow; the 1,499 purchases are not asked about.
 */
const ENV = { FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-23T12:00:00Z' };

it('pairs a statement’s transfer out with an older inflow, past its first thousand outflows', async () => {
  const home = freshHome();
  const cli = (...argv: string[]) => runCli(argv, { ...ENV, FINAGG_HOME: home });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-transfers-import-'));
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, ['Date,Description,Amount', ...lines].join('\n') + '\n');
    return file;
  };
  for (const [name, type] of [
    ['Savings', 'savings'],
    ['Checking', 'checking'],
  ])
    expect((await cli('accounts', 'add', '--name', name!, '--type', type!, '--currency', 'USD')).code).toBe(0);
  const savings = write('savings.csv', [
    '2026-10-02,ONLINE TRANSFER FROM CHK ...1234,512.34',
    '2026-10-05,INTEREST PAYMENT,1.07',
  ]);
  expect((await cli('import', savings, '--account', 'Savings')).code).toBe(0);

  const purchases = Array.from({ length: 1_499 }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    return `2026-09-${day},CORNER STORE #${i},-${(3 + (i % 97)).toFixed(2)}`;
  });
  const checking = write('checking.csv', [...purchases, '2026-10-01,ONLINE TRANSFER TO SAV ...9876,-512.34']);
  const imported = await cli('import', checking, '--account', 'Checking', '--json');
  expect(imported.code).toBe(0);

  const ids = new Map(
    (JSON.parse((await cli('accounts', '--json')).stdout) as { id: number; name: string }[]).map((a) => [a.id, a.name]),
  );
  const pairs = JSON.parse((await cli('transfers', '--json')).stdout) as {
    from_account_id: number;
    to_account_id: number;
    amount: number;
    out_date: string;
    in_date: string;
  }[];
  expect(pairs.map((p) => [ids.get(p.from_account_id), ids.get(p.to_account_id), p.amount, p.out_date, p.in_date])).toEqual([
    ['Checking', 'Savings', 512.34, '2026-10-01', '2026-10-02'],
  ]);
}, 60_000);
