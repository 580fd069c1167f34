import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const NOW = '2026-11-23T12:00:00.000Z';

/** A home with one account and a handful of transactions written straight to the DB. */
function seededHome(): string {
  const home = freshHome();
  const { sqlite } = openDatabase(home, { nowIso: NOW });
  sqlite
    .prepare(
      "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Everyday', 'checking', 'USD', ?, ?)",
    )
    .run(NOW, NOW);
  const insert = sqlite.prepare(
    `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, category, pending, removed, created_ms, updated_ms)
     VALUES (1, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, unixepoch(?) * 1000, unixepoch(?) * 1000)`,
  );
  const rows: [string, number, string, string, string, number, number][] = [
    ['2026-11-01', -4512, 'WHOLEFDS MKT 10234', 'Whole Foods', 'groceries', 0, 0],
    ['2026-11-03', -1850, 'SQ *BLUE BOTTLE COFFEE', 'Blue Bottle', 'dining', 0, 0],
    ['2026-11-05', -8020, 'SAFEWAY #1234', 'Safeway', 'groceries', 0, 0],
    ['2026-11-07', 250000, 'ACH DEP ACME CORP PAYROLL', 'Acme Corp', 'income', 0, 0],
    ['2026-11-09', -3333, 'TRADER JOE S #552', "Trader Joe's", 'groceries', 1, 0],
    ['2026-11-10', -9999, 'SAFEWAY #1234', 'Safeway', 'groceries', 0, 1],
  ];
  rows.forEach((r, i) => insert.run(i, r[0], r[1], r[2], r[3], r[4], r[5], r[6], NOW, NOW));
  sqlite.close();
  return home;
}

describe('finagg tx', () => {
  it('filters by category, newest first, and hides removed rows', async () => {
    const r = await runCli(['tx', '--category', 'groceries', '--json'], { FINAGG_HOME: seededHome() });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((t: { date: string }) => t.date)).toEqual(['2026-11-09', '2026-11-05', '2026-11-01']);
    expect(rows[0]).toEqual({
      id: 5,
      account_id: 1,
      date: '2026-11-09',
      amount: -33.33,
      currency: 'USD',
      description: 'TRADER JOE S #552',
      merchant: "Trader Joe's",
      category: 'groceries',
      pending: true,
      note: null,
      transfer_id: null,
      transfer_account_id: null,
      splits: null,
    });
  });

  it('combines search, amount size, dates, account by name, pending, paging and sort', async () => {
    const home = seededHome();
    const ids = async (...args: string[]) => {
      const r = await runCli(['tx', ...args, '--json'], { FINAGG_HOME: home });
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).map((t: { id: number }) => t.id);
    };
    expect(await ids('--search', 'coffee')).toEqual([2]);
    expect(await ids('--merchant', 'safe')).toEqual([3]);
    expect(await ids('--min', '45', '--max', '100')).toEqual([3, 1]);
    expect(await ids('--from', '2026-11-03', '--to', '2026-11-07', '--asc')).toEqual([2, 3, 4]);
    expect(await ids('--account', 'everyday', '--pending')).toEqual([5]);
    expect(await ids('--sort', 'amount', '--limit', '2')).toEqual([4, 3]);
    expect(await ids('--limit', '2', '--offset', '2')).toEqual([3, 2]);
    expect(await ids('--search', '100%')).toEqual([]);
  });

  it('writes CSV with a header, the account name, the other account of a transfer and the split parts last', async () => {
    const r = await runCli(['tx', '--category', 'dining', '--csv'], { FINAGG_HOME: seededHome() });
    expect(r.stdout).toBe(
      'id,account_id,date,amount,currency,description,merchant,category,pending,note,account,transfer_account,splits\n2,1,2026-11-03,-18.50,USD,SQ *BLUE BOTTLE COFFEE,Blue Bottle,dining,false,,Everyday,,\n',
    );
  });

  it('refuses an unknown account and contradictory ranges', async () => {
    const home = seededHome();
    expect((await runCli(['tx', '--account', '99'], { FINAGG_HOME: home })).stderr).toBe(
      'finagg: no account "99" (see finagg accounts)\n',
    );
    const r = await runCli(['tx', '--min', '10', '--max', '5'], { FINAGG_HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --max "5": must not be below --min');
  });
});
