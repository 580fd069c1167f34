import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freshHome, spawnCli } from '../helpers/cli';

/**
 * A large sync killed with SIGKILL at many random moments. After every kill the
 * database must be sound, hold no row twice and no row the bank does not have, and have
 * written each account's cursor together with its rows (a batch is all or nothing); a
 * sync after the last kill must end with exactly the rows of a clean sync.
 */
const BIN = path.resolve(__dirname, '../../bin/finagg.js');
/** Kills the test makes (a sync that finishes before its moment does not count). */
const KILLS = 22;
const BANKS = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_SEED: '31',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SIM_HISTORY_DAYS: '300',
  FINAGG_SIM_DAILY: '84',
};

interface Row {
  account_id: number;
  provider_txn_id: string;
  date: string;
  amount_cents: number;
  description: string;
  pending: number;
  removed: number;
}

function linked(): { home: string; env: Record<string, string> } {
  const home = freshHome();
  const env = { ...BANKS, FINAGG_HOME: home };
  for (const bank of ['banka', 'bankb', 'bankc']) expect(spawnCli(['link', bank, '--yes', '--no-sync'], env).code).toBe(0);
  return { home, env };
}

function read(home: string) {
  const db = new Database(path.join(home, 'finagg.db'), { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      rows: db
        .prepare(
          'SELECT account_id, provider_txn_id, date, amount_cents, description, pending, removed FROM transactions ORDER BY account_id, provider_txn_id',
        )
        .all() as Row[],
      duplicates: (
        db.prepare('SELECT count(*) - count(DISTINCT account_id || provider_txn_id) AS n FROM transactions').get() as {
          n: number;
        }
      ).n,
      accounts: db
        .prepare(
          'SELECT a.id, a.sync_cursor AS cursor, (SELECT count(*) FROM transactions t WHERE t.account_id = a.id) AS n FROM accounts a',
        )
        .all() as { id: number; cursor: string | null; n: number }[],
    };
  } finally {
    db.close();
  }
}

/** A seeded sequence, so a failure can be run again with the same moments. */
function moments(seed: number, count: number, maxMs: number): number[] {
  let s = seed;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return 150 + (s % maxMs);
  });
}

function syncUntilKilled(env: Record<string, string>, full: boolean, afterMs: number): Promise<'killed' | 'finished'> {
  const child = spawn(process.execPath, [BIN, 'sync', ...(full ? ['--full'] : []), '--json'], {
    env: { PATH: process.env.PATH, ...env },
    stdio: 'ignore',
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

describe('crash safety', () => {
  it(`survives SIGKILL at ${KILLS} random moments of large syncs and converges to a clean run`, async () => {
    const reference = linked();
    const started = Date.now();
    expect(spawnCli(['sync'], reference.env).code).toBe(0);
    // Moments spread over a whole sync as long as this machine takes for one.
    const span = Math.max(1000, Date.now() - started);
    const clean = read(reference.home).rows;
    expect(clean.length).toBeGreaterThan(10_000);
    const known = new Map(clean.map((r) => [`${r.account_id}|${r.provider_txn_id}`, r]));

    const crashed = linked();
    const seed = Number(process.env.FINAGG_CRASH_SEED ?? 20261123);
    let killed = 0;
    for (const [i, ms] of moments(seed, 4 * KILLS, Math.round(span * 0.8)).entries()) {
      if (killed >= KILLS) break;
      // First syncs and full resyncs in turn: writes of new rows and of updates are both cut.
      const outcome = await syncUntilKilled(crashed.env, i % 3 !== 0, ms);
      if (outcome === 'killed') killed++;
      if (!fs.existsSync(path.join(crashed.home, 'finagg.db'))) continue;
      const state = read(crashed.home);
      const where = `kill ${i + 1} at ${ms} ms (seed ${seed})`;
      expect([where, state.integrity]).toEqual([where, 'ok']);
      expect([where, state.duplicates]).toEqual([where, 0]);
      // Every stored row is one the bank has, as the bank has it (a settled pending
      // record may still be pending here: the kill came before its update).
      for (const row of state.rows) {
        const bank = known.get(`${row.account_id}|${row.provider_txn_id}`);
        if (bank === undefined && row.pending === 1) continue;
        expect([where, row.provider_txn_id, bank !== undefined]).toEqual([where, row.provider_txn_id, true]);
      }
      // A cursor is written with its batch of rows: an account has one exactly when it has rows.
      for (const a of state.accounts) expect([where, a.id, a.cursor !== null]).toEqual([where, a.id, a.n > 0]);
    }
    expect(killed).toBe(KILLS);
    console.log(`crash safety: ${killed} kills over ${clean.length} rows, every state sound (seed ${seed})`);

    expect(spawnCli(['sync'], crashed.env).code).toBe(0);
    const after = read(crashed.home);
    expect(after.integrity).toBe('ok');
    expect(after.rows).toEqual(clean);
    // Its length follows the machine (the moments spread over one sync as long as this
    // machine takes): 50-90 s alone, twice that on a busy one.
  }, 420_000);
});
