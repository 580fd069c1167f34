import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const NOW = '2026-06-10T12:00:00.000Z';

/** A home with a manual account and a steady grocery habit, written to the database. */
function home() {
  const dir = freshHome();
  const sqlite = openDatabase(dir, { nowIso: NOW }).sqlite;
  sqlite
    .prepare(
      "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Everyday', 'checking', 'USD', ?, ?)",
    )
    .run(NOW, NOW);
  const insert = sqlite.prepare(
    `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, category, created_ms, updated_ms)
     VALUES (1, ?, ?, ?, 'USD', ?, ?, ?, unixepoch(?) * 1000, unixepoch(?) * 1000)`,
  );
  let hash = 0;
  const add = (date: string, cents: number, merchant = 'Safeway', category = 'groceries') =>
    Number(insert.run(++hash, date, cents, `${merchant.toUpperCase()} #12`, merchant, category, NOW, NOW).lastInsertRowid);
  for (let i = 60; i >= 1; i--) add(addDays('2026-06-09', -i * 2), -(4000 + (i % 7) * 300));
  const big = add('2026-06-09', -31_000);
  sqlite.close();
  const cli = (...argv: string[]) => runCli(argv, { FINAGG_HOME: dir, FINAGG_NOW: NOW, FINAGG_KEYSTORE: 'file' });
  return { dir, cli, big };
}

describe('finagg anomalies', () => {
  it('recomputes without copies, dismisses for good, and hides a transaction the bank removed', async () => {
    const { dir, cli, big } = home();
    const first = JSON.parse((await cli('anomalies', '--recompute', '--json')).stdout) as {
      id: number;
      transaction_id: number;
      type: string;
      description: string;
    }[];
    expect(first).toEqual([expect.objectContaining({ transaction_id: big, type: 'unusual_amount' })]);
    expect(first[0]!.description).toMatch(/^\$310\.00 at Safeway; your purchases there are usually \$4\d\.\d\d to \$\d\d\.\d\d$/);
    const again = JSON.parse((await cli('anomalies', '--recompute', '--json')).stdout);
    expect(again).toEqual(first);

    expect((await cli('anomalies', 'dismiss', String(first[0]!.id))).code).toBe(0);
    expect(JSON.parse((await cli('anomalies', '--recompute', '--json')).stdout)).toEqual([]);
    expect(JSON.parse((await cli('anomalies', '--all', '--json')).stdout)).toHaveLength(1);

    const sqlite = openDatabase(dir, { nowIso: NOW }).sqlite;
    sqlite.prepare('UPDATE transactions SET removed = 1 WHERE id = ?').run(big);
    sqlite.close();
    expect(JSON.parse((await cli('anomalies', '--all', '--json')).stdout)).toEqual([]);
  });

  it('refuses bad input with one line and exit 2', async () => {
    const { cli } = home();
    for (const [argv, message] of [
      [['anomalies', 'dismiss', '77'], /^finagg: no anomaly 77/],
      [['anomalies', '--days', '0'], /^finagg: invalid --days "0"/],
      [['anomalies', '--account', 'nope'], /^finagg: no account "nope"/],
    ] as [string[], RegExp][]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
