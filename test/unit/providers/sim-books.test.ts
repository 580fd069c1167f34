import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HouseholdLedger } from '../../../src/providers/sim/ledger';

/**
 * The simulated banks keep their books between processes (providers/sim/books.ts): what
 * one process worked out, the next reads instead of generating the household's history
 * again, and another household never reads them.
 */
const NOW = Date.parse('2026-11-23T12:00:00Z');
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-books-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const balances = (ledger: HouseholdLedger) => ledger.profiles.map((p) => ledger.balanceAt(p.account, NOW));
const bookFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('ledger-'));

describe('the simulated banks’ books', () => {
  it('keep the amounts a process worked out, and the next process gives the same balances from them', () => {
    const dir = tempDir();
    const first = new HouseholdLedger(7, 2, dir);
    const expected = balances(first);
    first.keep();
    const [file] = bookFiles(dir);
    expect(file).toMatch(/^ledger-7-2-[0-9a-f]{12}\.json$/);
    const kept = JSON.parse(fs.readFileSync(path.join(dir, file!), 'utf8')) as { amounts: Record<string, number> };
    // Every card statement and sweep of the household's months up to now.
    expect(Object.keys(kept.amounts).filter((id) => id.startsWith('card-payment:')).length).toBeGreaterThan(100);

    const next = new HouseholdLedger(7, 2, dir);
    expect(balances(next)).toEqual(expected);
    // Nothing new was worked out, so nothing is written again.
    const written = fs.statSync(path.join(dir, file!)).mtimeMs;
    next.keep();
    expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBe(written);
    // And they are the balances of a ledger that keeps no books.
    expect(balances(new HouseholdLedger(7, 2))).toEqual(expected);
  });

  it('of another household are another file', () => {
    const dir = tempDir();
    for (const seed of [7, 8]) {
      const ledger = new HouseholdLedger(seed, 2, dir);
      balances(ledger);
      ledger.keep();
    }
    const files = bookFiles(dir);
    expect(files).toHaveLength(2);
    expect(files.some((f) => f.startsWith('ledger-8-2-'))).toBe(true);
  });
});
