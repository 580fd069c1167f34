import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/core/fx/rational';
import { openDatabase } from '../../src/storage/open-database';
import { upsertRates } from '../../src/storage/rates-repo';
import { runCli, syncedHousehold } from '../helpers/cli';
import { tool } from '../helpers/ledger-tools';

/**
 * The simulated household's dollars and euros as one net worth: `accounts`, `report
 * networth --home` and a journal valued by hledger and ledger with -X agree, and a
 * currency without a rate is named, never counted as zero.
 */
const NOW = '2026-11-23T12:00:00Z';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** USD per euro on weekdays, a gentle walk around 1.08 (four decimals, as the ECB writes them). */
function usdRates(from: string, to: string) {
  const rates: { date: string; currency: string; perEur: ReturnType<typeof parseDecimal> & object; source: string }[] = [];
  let level = 10800;
  for (let t = Date.parse(`${from}T00:00:00Z`), i = 0; t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000, i++) {
    const date = new Date(t).toISOString().slice(0, 10);
    level += ((i * 7919) % 61) - 30;
    if ([0, 6].includes(new Date(t).getUTCDay())) continue;
    rates.push({
      date,
      currency: 'USD',
      perEur: parseDecimal(`${String(level).slice(0, -4)}.${String(level).slice(-4)}`)!,
      source: 'test',
    });
  }
  return rates;
}

async function household() {
  const { home, env } = await syncedHousehold(3, 200, NOW);
  const cli = async (...argv: string[]) => {
    const r = await runCli(argv, env);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const json = async (...argv: string[]) => JSON.parse((await cli(...argv, '--json')).stdout);
  return { home, env, cli, json };
}

function storeRates(home: string, rates: ReturnType<typeof usdRates>) {
  const { sqlite } = openDatabase(home, { nowIso: NOW });
  upsertRates(sqlite, rates);
  sqlite.close();
}

/** The total of a balance report of assets and liabilities, valued in `home`. */
function valued(name: string, file: string, home: string, end?: string): number {
  const args =
    name === 'hledger'
      ? ['-f', file, 'balance', '-X', home, 'assets', 'liabilities', ...(end ? ['-e', end] : [])]
      : ['-f', file, 'balance', '-X', home, '^assets', '^liabilities', ...(end ? ['-e', end] : [])];
  const r = spawnSync(name, args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const last = r.stdout.trim().split('\n').at(-1)!.trim();
  const m = /^(-?[\d,]+\.\d+) ([A-Z]{3})$/.exec(last) ?? /^([A-Z]{3}) (-?[\d,]+\.\d+)$/.exec(last);
  expect(m, `${name} said: ${r.stdout}`).not.toBeNull();
  const number = /\d/.test(m![1]!) ? m![1]! : m![2]!;
  return Number(number.replace(/,/g, ''));
}

describe('one net worth across currencies', () => {
  it('shows each account in the home currency and one total at the rates of a day, the per-currency totals beside it', async () => {
    const h = await household();
    storeRates(h.home, usdRates('2026-04-01', '2026-11-23'));
    const accounts = await h.json('accounts');
    // Unset, the home currency is the one holding most of the money, chosen once and said.
    const first = await runCli(['accounts'], h.env);
    expect(JSON.stringify(await h.json('config', 'get', 'currency.home'))).toMatch(/USD/);
    expect(first.stdout).toMatch(/Net worth: \$[\d,]+\.\d\d \(USD at the rates of 2026-11-2\d\)/);
    expect(first.stdout).toMatch(/Net worth \(EUR\): €/);
    const euro = accounts.filter((a: Json) => a.currency === 'EUR');
    expect(euro.length).toBeGreaterThan(0);
    for (const a of euro) {
      expect(a.home_currency).toBe('USD');
      expect(a.balance_home).not.toBeNull();
      expect(Math.abs(a.balance_home / a.balance - 1.08)).toBeLessThan(0.1);
    }
  });

  it('gives month ends in the home currency that hledger -X and ledger -X read the same from the export', async (ctx) => {
    const hledger = tool('hledger', ctx);
    const ledger = tool('ledger', ctx);
    const h = await household();
    storeRates(h.home, usdRates('2026-04-01', '2026-11-23'));
    await h.cli('config', 'set', 'currency.home', 'USD');
    const months = await h.json('report', 'networth', '--home-currency');
    expect(months.length).toBeGreaterThanOrEqual(5);
    for (const m of months) {
      expect(m.currency).toBe('USD');
      expect(Object.keys(m.by_currency).sort()).toEqual(['EUR', 'USD']);
      expect(m.rates.map((r: Json) => r.currency)).toEqual(['USD']);
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-fx-journal-')), 'money.journal');
    await h.cli('export', '--format', 'ledger', '--out', file);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^P 2026-\d\d-\d\d EUR 1\.\d+ USD$/m);
    const [total] = (await h.json('accounts')).reduce(
      (acc: [number], a: Json) => [acc[0] + (a.balance_home ?? a.balance) * 100],
      [0],
    );
    expect(Math.round(valued(hledger!, file, 'USD') * 100)).toBe(Math.round(total));
    expect(Math.abs(Math.round(valued(ledger!, file, 'USD') * 100) - Math.round(total))).toBeLessThanOrEqual(1);
    // A past month end, by hledger's -e (the day after it). finagg's month end counts what was
    // posted by then; the journal's opening balances also take off today's pending charges
    // (dated after it), which hledger's --pending shows: valued at that day, they are the gap.
    const september = months.find((m: Json) => m.month === '2026-09');
    const pending = spawnSync(hledger!, ['-f', file, 'balance', '--pending', '--value=2026-09-30,USD', 'assets', 'liabilities'], {
      encoding: 'utf8',
    });
    const gap = Number(/(-?[\d,]+\.\d+) USD\s*$/.exec(pending.stdout.trim())?.[1]?.replace(/,/g, '') ?? '0');
    expect(valued(hledger!, file, 'USD', '2026-10-01') + gap).toBeCloseTo(september.net_worth, 2);
  });

  it('keeps a budget in its own currency, and counts every currency at each row’s day only when asked', async () => {
    const h = await household();
    const rates = usdRates('2026-04-01', '2026-11-23');
    storeRates(h.home, rates);
    await h.cli('config', 'set', 'currency.home', 'USD');
    // A category the euro accounts spent in this month.
    const month = (await h.json('tx', '--from', '2026-11-01', '--limit', '5000')).filter(
      (t: Json) => t.currency === 'EUR' && t.amount < 0 && !t.transfer_id && !t.pending && t.category !== 'transfer',
    );
    const counts = new Map<string, number>();
    for (const t of month) counts.set(t.category, (counts.get(t.category) ?? 0) + 1);
    const category = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const own = await h.json('budget', 'set', category, '3000');
    expect(own).toMatchObject({ currency: 'USD', all_currencies: false });
    const all = await h.json('budget', 'set', category, '3000', '--all-currencies');
    expect(all).toMatchObject({ currency: 'USD', all_currencies: true, uncounted: [] });
    // The euro spending of the month in it, each day at its rate (the latest on or before it), rounded once.
    const euro = (await h.json('tx', '--category', category, '--from', '2026-11-01', '--limit', '1000')).filter(
      (t: Json) => t.currency === 'EUR' && !t.transfer_id,
    );
    expect(euro.length).toBeGreaterThan(0);
    let num = 0n;
    const den = 10_000n * 100n;
    for (const t of euro) {
      const rate = rates.filter((r) => r.date <= t.date).at(-1)!.perEur;
      num += -BigInt(Math.round(t.amount * 100)) * rate.num * (den / rate.den);
    }
    const converted = Number((num * 100n + den / 2n) / den) / 100;
    expect(all.spent - own.spent).toBeCloseTo(converted / 100, 2);
  });

  it('names a currency without a rate instead of counting it as zero', async () => {
    const h = await household();
    storeRates(h.home, usdRates('2026-04-01', '2026-11-23'));
    await h.cli('config', 'set', 'currency.home', 'USD');
    const nok = await h.json('accounts', 'add', '--name', 'Sparebank', '--type', 'savings', '--currency', 'NOK');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-nok-'));
    fs.writeFileSync(path.join(dir, 'nok.csv'), 'Date,Description,Amount\n2026-11-02,Innskudd,25000.00\n');
    await h.cli('import', path.join(dir, 'nok.csv'), '--account', String(nok.id));
    const before = (await h.json('accounts')).filter((a: Json) => a.currency !== 'NOK');
    const r = await h.cli('accounts');
    expect(r.stdout).toMatch(/not counted: no rate for NOK: finagg rates update, or finagg rates import/);
    expect(r.stdout).toMatch(/Sparebank.*no rate/);
    const accounts = await h.json('accounts');
    expect(accounts.find((a: Json) => a.currency === 'NOK').balance_home).toBeNull();
    // The total is the others' alone.
    const sum = before.reduce((n: number, a: Json) => n + Math.round(a.balance_home * 100), 0);
    const line = /Net worth: \$([\d,]+\.\d\d)/.exec(r.stdout)![1]!.replace(/,/g, '');
    expect(Math.abs(Math.round(Number(line) * 100) - sum)).toBeLessThanOrEqual(before.length);
    const report = await runCli(['report', 'networth', '--home-currency'], h.env);
    expect(report.stderr).toMatch(/no rate for NOK/);
  });

  it('chooses the home currency by value only once rates can compare the money, and keeps that choice', async () => {
    const h = await household();
    // No rate yet: dollars and euros cannot be weighed, so nothing is chosen for good.
    const first = await h.cli('accounts');
    expect(first.stdout + first.stderr).not.toMatch(/home currency: .* holding most/);
    expect((await h.json('config', 'list'))['currency.home']).toBeNull();
    // The rates arrive: the dollars hold most of the money, and that is said once and kept.
    storeRates(h.home, usdRates('2026-04-01', '2026-11-23'));
    const chosen = await h.cli('accounts');
    expect(chosen.stdout + chosen.stderr).toMatch(/home currency: USD, the currency holding most of your money/);
    expect((await h.json('config', 'list'))['currency.home']).toBe('USD');
    const again = await h.cli('accounts');
    expect(again.stdout + again.stderr).not.toMatch(/holding most/);
  });
});
