import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agree, peerComparisons, type Measured } from '../../bench/peers';
import { freshHome, spawnCli } from '../helpers/cli';
import { tool } from '../helpers/ledger-tools';

/**
 * The bench's peers (`npm run bench -- --peers`) on a small synced home: ledger and
 * hledger read finagg's journal and must give finagg's answers before their times are
 * reported. Nothing here is timed; the bench measures on the million-row home.
 */
const BIN = path.resolve(__dirname, '../../bin/finagg.js');
let env: Record<string, string | undefined>;

beforeAll(() => {
  env = {
    FINAGG_HOME: freshHome(),
    FINAGG_KEYSTORE: 'file',
    FINAGG_NOW: '2026-11-23T12:00:00Z',
    FINAGG_SEED: '5',
    FINAGG_SIM_HISTORY_DAYS: '90',
    FINAGG_SIM_DAILY: '6',
  };
  for (const bank of ['banka', 'bankb', 'bankc']) expect(spawnCli(['link', bank, '--yes', '--no-sync'], env).code).toBe(0);
  expect(spawnCli(['sync'], env).code).toBe(0);
}, 120_000);

function finagg(argv: string[]): Measured {
  const start = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`finagg ${argv.join(' ')}: ${r.stderr}`);
  return { ms: performance.now() - start, rssKb: 0, stdout: r.stdout };
}

describe('bench peers', () => {
  it('ledger and hledger answer the register and the balances as finagg does', (ctx) => {
    tool('ledger', ctx);
    tool('hledger', ctx);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-peers-'));
    const { rows, notes } = peerComparisons({ work, finagg, runs: 1, require: true });
    expect(notes).toEqual([]);
    expect(rows.map((r) => r.figure.split(' (')[0])).toEqual([
      'finagg export --format ledger',
      'ledger reg ^expenses:food:groceries$ --tail 50',
      'ledger balance',
      'hledger reg ^expenses:food:groceries$',
      'hledger balance',
    ]);
    for (const r of rows.slice(1)) {
      expect(r.ratio).toBeGreaterThan(0);
      expect(r.reference).toMatch(/^finagg (tx --category groceries --limit 50|accounts): /);
    }
  });

  it('skips a peer that is not installed with a note, and fails instead when told to require it', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-peers-'));
    const saved = process.env.PATH;
    // A PATH with neither tool on it (node is run by its full path).
    process.env.PATH = work;
    try {
      const { rows, notes } = peerComparisons({ work, finagg, runs: 1 });
      expect(rows.map((r) => r.figure.split(' (')[0])).toEqual(['finagg export --format ledger']);
      expect(notes).toEqual([
        expect.stringMatching(/^ledger: skipped, not installed/),
        expect.stringMatching(/^hledger: skipped, not installed/),
      ]);
      expect(() => peerComparisons({ work, finagg, runs: 1, require: true })).toThrow(/ledger is not installed/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('refuses a peer whose postings are not finagg’s newest rows', () => {
    const ours = ['2026-11-22 2805 USD', '2026-11-21 3117 USD', '2026-11-21 4175 USD', '2026-11-20 1404 USD'];
    // Oldest first, and the oldest day in another order: the same rows.
    expect(() => agree('same', ours, [...ours].reverse())).not.toThrow();
    expect(() =>
      agree('one cent off', ours, ['2026-11-20 1404 USD', '2026-11-21 4175 USD', '2026-11-21 3117 USD', '2026-11-22 2806 USD']),
    ).toThrow(/not finagg's newest rows/);
    expect(() =>
      agree(
        'another currency',
        ours,
        [...ours].reverse().map((p) => p.replace('2805 USD', '2805 EUR')),
      ),
    ).toThrow();
    expect(() => agree('one short', ours, ours.slice(1))).toThrow(/3 postings, finagg has 4/);
  });
});
