import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerAccountNames } from '../../src/core/export/ledger';
import { freshHome, runCli } from '../helpers/cli';
import { balances, tool } from '../helpers/ledger-tools';

/**
 * A synced home (three banks, two currencies) and a manual account, exported, and the
 * journal read by hledger and ledger themselves. CI installs both and sets
 * FINAGG_REQUIRE_LEDGER_TOOLS=1, so there a missing tool fails; elsewhere it skips.
 */
const BASE = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SEED: '9',
  FINAGG_SIM_HISTORY_DAYS: '120',
  FINAGG_SIM_DAILY: '5',
};
const FIXTURES = path.resolve(__dirname, '../../fixtures/statements');

interface AccountJson {
  id: number;
  name: string;
  type: 'checking' | 'savings' | 'credit' | 'loan' | 'investment';
  balance: number;
  currency: string;
}

let dir: string;
let accounts: AccountJson[];
const cli = (...argv: string[]) => runCli(argv, { ...BASE, FINAGG_HOME: dir });
const out = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-export-')), 'export');

beforeAll(async () => {
  dir = freshHome();
  for (const bank of ['banka', 'bankb', 'bankc']) expect((await cli('link', bank, '--yes', '--no-sync')).code).toBe(0);
  expect((await cli('sync')).code).toBe(0);
  expect((await cli('accounts', 'add', '--name', 'Chase (statements)', '--type', 'checking', '--currency', 'USD')).code).toBe(0);
  const evil =
    'Date,Description,Amount\n2026-11-20,"=HYPERLINK(""http://x"",""y"")",-1.00\n2026-11-21,"Corner; shop | (deli)",-2.50\n';
  const evilFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-export-')), 'evil.csv');
  fs.writeFileSync(evilFile, evil);
  expect((await cli('import', path.join(FIXTURES, 'chase-checking.csv'), '--account', 'Chase (statements)')).code).toBe(0);
  expect((await cli('import', evilFile, '--account', 'Chase (statements)')).code).toBe(0);
  accounts = JSON.parse((await cli('accounts', '--json')).stdout);
}, 120_000);

function storedRows(from = '0000-01-01', to = '9999-12-31'): { account_id: number; amount_cents: number }[] {
  const db = new Database(path.join(dir, 'finagg.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT account_id, amount_cents FROM transactions WHERE removed = 0 AND date >= ? AND date <= ?')
      .all(from, to) as { account_id: number; amount_cents: number }[];
  } finally {
    db.close();
  }
}

const money = (value: number, currency: string) => `${value.toFixed(2)} ${currency}`;

describe('finagg export --format ledger', () => {
  it.for(['hledger', 'ledger'])('%s reads the journal and its balances agree with finagg accounts', async (name, ctx) => {
    const bin = tool(name, ctx)!;
    const file = out();
    const r = await cli('export', '--format', 'ledger', '--out', file);
    expect(r.code).toBe(0);
    const journal = balances(bin, file);
    const names = ledgerAccountNames(accounts);
    expect(accounts.length).toBe(8);
    for (const a of accounts) expect([a.name, journal.get(names.get(a.id)!)]).toEqual([a.name, money(a.balance, a.currency)]);
    // Every transaction balances: the whole journal sums to zero in each currency.
    const all = spawnSync(bin, ['-f', file, 'balance', '--flat'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(all[all.length - 1]!.trim()).toBe('0');
  });

  it('writes a paired transfer as one transaction between the two accounts, not two halves', async () => {
    const file = out();
    expect((await cli('export', '--format', 'ledger', '--out', file)).code).toBe(0);
    const journal = fs.readFileSync(file, 'utf8');
    const pairs = JSON.parse((await cli('transfers', '--json')).stdout) as {
      out_transaction_id: number;
      in_transaction_id: number;
      amount: number;
      currency: string;
    }[];
    expect(pairs.length).toBeGreaterThan(5);
    const names = ledgerAccountNames(accounts);
    for (const p of pairs.slice(0, 5)) {
      const entry = journal.split('\n\n').find((e) => e.includes(`; finagg_id: ${p.out_transaction_id}, ${p.in_transaction_id}`));
      expect(entry, `pair ${p.out_transaction_id}/${p.in_transaction_id}`).toBeDefined();
      const postings = entry!.split('\n').filter((l) => /^\s{4}[a-z]/.test(l));
      expect(postings).toHaveLength(2);
      expect(entry).not.toContain('equity:transfers');
      expect(postings.every((l) => [...names.values()].some((n) => l.includes(n)))).toBe(true);
      // The incoming side has no entry of its own.
      expect(journal).not.toContain(`; finagg_id: ${p.in_transaction_id}\n`);
    }
  });

  it('ends at each account’s balance on --to, and starts at --from', async (ctx) => {
    const bin = tool('hledger', ctx)!;
    const file = out();
    expect((await cli('export', '--format', 'ledger', '--from', '2026-10-01', '--to', '2026-10-31', '--out', file)).code).toBe(0);
    const journal = balances(bin, file);
    const names = ledgerAccountNames(accounts);
    const after = storedRows('2026-11-01');
    for (const a of accounts) {
      const later = after.filter((r) => r.account_id === a.id).reduce((s, r) => s + r.amount_cents, 0);
      const expected = money((Math.round(a.balance * 100) - later) / 100, a.currency);
      expect([a.name, journal.get(names.get(a.id)!) ?? money(0, a.currency)]).toEqual([a.name, expected]);
    }
    const text = fs.readFileSync(file, 'utf8');
    const dates = [...text.matchAll(/^(\d{4}-\d{2}-\d{2}) [*!] (?!Opening)/gm)].map((m) => m[1]!);
    // One entry a row, but one for both rows of a transfer with both sides in October.
    const pairs = JSON.parse((await cli('transfers', '--json')).stdout) as { out_date: string; in_date: string }[];
    const inOctober = (d: string) => d >= '2026-10-01' && d <= '2026-10-31';
    const whole = pairs.filter((p) => inOctober(p.out_date) && inOctober(p.in_date)).length;
    expect(whole).toBeGreaterThan(0);
    expect(dates.length).toBe(storedRows('2026-10-01', '2026-10-31').length - whole);
    expect(dates.every((d) => d >= '2026-10-01' && d <= '2026-10-31')).toBe(true);
  });
});

describe('finagg export --format csv and json', () => {
  it('writes every stored row once, oldest first, with the Transaction shape', async () => {
    const rows = storedRows();
    const json = await cli('export', '--format', 'json');
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { id: number; date: string }[];
    expect(list).toHaveLength(rows.length);
    expect(Object.keys(list[0]!)).toEqual([
      'id',
      'account_id',
      'date',
      'amount',
      'currency',
      'description',
      'merchant',
      'category',
      'pending',
      'note',
      'transfer_id',
      'transfer_account_id',
      // A split row's parts (tx split), null for the others.
      'splits',
    ]);
    expect(new Set(list.map((t) => t.id)).size).toBe(rows.length);
    expect(list.map((t) => t.date)).toEqual([...list.map((t) => t.date)].sort());

    const csv = await cli('export');
    const parsed = Papa.parse<Record<string, string>>(csv.stdout, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(rows.length);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(parsed.data.map((r) => Math.round(Number(r.amount) * 100)))).toBe(sum(rows.map((r) => r.amount_cents)));
    // A bank's text never runs as a spreadsheet formula; the amount keeps its sign.
    const evil = parsed.data.find((r) => r.description?.includes('HYPERLINK'))!;
    expect(evil.description).toBe(`'=HYPERLINK("http://x","y")`);
    expect(evil.amount).toBe('-1.00');
    expect(evil.account).toBe('Chase (statements)');
  });

  it('writes a private file whole, and refuses a place it cannot write', async () => {
    const file = out();
    const r = await cli('export', '--format', 'json', '--account', 'Chase (statements)', '--out', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ format: 'json', path: file, rows: 12, bytes: fs.statSync(file).size });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['export']);
    const bad = await cli('export', '--out', path.join(file, 'nope', 'x.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^finagg: --out ".*" cannot be written/);
    const dirOut = await cli('export', '--out', path.dirname(file));
    expect(dirOut.code).toBe(2);
    const range = await cli('export', '--from', '2026-11-02', '--to', '2026-11-01');
    expect(range.code).toBe(2);
    const format = await cli('export', '--format', 'xlsx');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format "xlsx": must be one of csv, json, ledger/);
  });
});
