import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freshHome, readStore, runCli } from '../helpers/cli';

/**
 * The sync's second core (src/app/sync-worker): a whole history from the simulated banks
 * is fetched, counted, planned and categorized a batch ahead in a worker thread while the
 * sync writes. What it stores must be what the sync stores alone, row for row, and a plan
 * made while another process wrote must be made again. Real processes of the built CLI.
 */

const BIN = path.resolve(__dirname, '../../bin/finagg.js');
/** About 63,000 transactions over 7 accounts: most accounts fill many 5,000-record batches. */
const BASE = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_SEED: '5',
  FINAGG_SIM_HISTORY_DAYS: '400',
  FINAGG_SIM_DAILY: '140',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_DEBUG: '1',
};

async function linkedHome(): Promise<string> {
  const home = freshHome();
  for (const bank of ['banka', 'bankb', 'bankc']) {
    const r = await runCli(['link', bank, '--yes', '--no-sync'], { ...BASE, FINAGG_HOME: home });
    expect(r.code, r.stderr).toBe(0);
  }
  return home;
}

function sync(home: string, extra: Record<string, string> = {}, argv = ['sync', '--json']) {
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { PATH: process.env.PATH, ...BASE, FINAGG_HOME: home, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    output += d;
  });
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { exited, output: () => output, stdout: () => stdout };
}

/** Everything a sync stores, as lines: every column of every row, the cursors, pairs and payees. */
function stored(home: string): string[] {
  return readStore(home, (db) =>
    [
      ...(db
        .prepare(
          `SELECT id, account_id, provider_txn_id, pending_txn_id, CAST(content_hash AS TEXT), occurrence, date, amount_cents,
           currency, description, merchant, merchant_src, category, category_src, rule_id, provider_category, pending, removed,
           transfer_id, payee_id, updated_ms FROM transactions ORDER BY id`,
        )
        .raw()
        .all() as unknown[][]),
      ...(db
        .prepare('SELECT id, sync_cursor, sync_fetch_state, synced_through FROM accounts ORDER BY id')
        .raw()
        .all() as unknown[][]),
      ...(db.prepare('SELECT out_transaction_id, in_transaction_id FROM transfers ORDER BY id').raw().all() as unknown[][]),
      ...(db.prepare('SELECT id, key FROM payees ORDER BY id').raw().all() as unknown[][]),
    ].map((row) => JSON.stringify(row)),
  );
}

/** The sync's stage times as its log has them (FINAGG_DEBUG=1). */
function stages(home: string): Record<string, number> {
  const lines = fs
    .readFileSync(path.join(home, 'logs', 'finagg.log'), 'utf8')
    .trim()
    .split('\n');
  const last = lines
    .map((l) => JSON.parse(l) as { event: string })
    .filter((e) => e.event === 'sync.stages')
    .at(-1);
  return last as unknown as Record<string, number>;
}

describe('the sync worker', () => {
  it('stores what the sync stores alone, and a resync after it changes nothing', async () => {
    const [alone, ahead] = [await linkedHome(), await linkedHome()];
    const one = sync(alone, { FINAGG_SYNC_WORKER: '0' });
    expect(await one.exited, one.output()).toBe(0);
    const two = sync(ahead);
    expect(await two.exited, two.output()).toBe(0);
    expect(Object.keys(stages(alone))).not.toContain('worker.fetch');
    expect(Object.keys(stages(ahead))).toContain('worker.fetch');
    const rows = stored(alone);
    expect(rows.length).toBeGreaterThan(50_000);
    expect(stored(ahead)).toEqual(rows);
    // The whole history again through the worker: every record is stored as it is.
    const full = sync(ahead, {}, ['sync', '--full', '--json']);
    expect(await full.exited, full.output()).toBe(0);
    const { runs } = JSON.parse(full.stdout()) as { runs: { inserted: number; updated: number }[] };
    expect(runs.reduce((n, r) => n + r.inserted + r.updated, 0)).toBe(0);
    expect(Object.keys(stages(ahead))).toContain('worker.fetch');
    expect(stored(ahead)).toEqual(rows);
  }, 120_000);

  it('plans a batch again when another process wrote while it was planned, and stores the same', async () => {
    const [alone, busy] = [await linkedHome(), await linkedHome()];
    const one = sync(alone, { FINAGG_SYNC_WORKER: '0' });
    expect(await one.exited, one.output()).toBe(0);
    const two = sync(busy);
    // Another writer of the same file all along (a setting, as the dashboard or `finagg
    // config` writes one): each of its commits is a write the worker's plans did not see.
    const db = new Database(path.join(busy, 'finagg.db'));
    db.pragma('busy_timeout = 10000');
    const write = db.prepare(
      "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('test.writer', ?, '2026-11-23T12:00:00.000Z')",
    );
    let writes = 0;
    const timer = setInterval(() => write.run(String(++writes)), 15);
    const code = await two.exited;
    clearInterval(timer);
    db.close();
    expect(code, two.output()).toBe(0);
    expect(writes).toBeGreaterThan(10);
    expect(stages(busy)['plan.again']).toBeGreaterThan(0);
    expect(stored(busy)).toEqual(stored(alone));
  }, 120_000);
});
