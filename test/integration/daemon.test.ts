import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionBackoff } from '../../src/app/daemon/connection-backoff';
import { daemonRound } from '../../src/app/daemon/daemon-round';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli, spawnCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

const BIN = path.resolve(__dirname, '../../bin/finagg.js');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The real daemon as a separate process; resolves its exit code and output. */
function startDaemon(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, 'daemon', ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function linkedHome(extra: Record<string, string> = {}) {
  const home = freshHome();
  const env = { FINAGG_HOME: home, FINAGG_KEYSTORE: 'file', FINAGG_SEED: '21', ...extra };
  for (const bank of ['banka', 'bankb']) expect(spawnCli(['link', bank, '--yes', '--no-sync'], env).code).toBe(0);
  return { home, env };
}

/** Rows by the bank's id: a row stored twice shows as a count above one. */
function storedRows(home: string) {
  const { sqlite } = openDatabase(home, { nowIso: new Date().toISOString() });
  const rows = sqlite
    .prepare(
      'SELECT account_id, provider_txn_id, count(*) AS n FROM transactions WHERE removed = 0 GROUP BY account_id, provider_txn_id',
    )
    .all() as { account_id: number; provider_txn_id: string; n: number }[];
  sqlite.close();
  return rows;
}

describe('the daemon', () => {
  it('syncs on schedule as trigger daemon, refuses a second daemon, and stops on SIGTERM with exit 0', async () => {
    const { home, env } = linkedHome();
    const daemon = startDaemon(env, '--every', '2s');
    await until(
      () => {
        const r = spawnCli(['sync-log', '--json', '--limit', '100'], env);
        if (r.code !== 0) return false;
        // Two rounds: some account synced twice by the daemon.
        const daemonRuns = (JSON.parse(r.stdout) as { trigger: string; account_id: number }[]).filter(
          (x) => x.trigger === 'daemon',
        );
        return daemonRuns.some((x) => daemonRuns.filter((y) => y.account_id === x.account_id).length >= 2);
      },
      20_000,
      'two daemon runs',
    );

    const second = spawnCli(['daemon', '--every', '2s'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^finagg: already running \(pid \d+\)/);
    const status = JSON.parse(spawnCli(['daemon', 'status', '--json'], env).stdout);
    expect(status).toMatchObject({ running: true, pid: daemon.child.pid });
    expect(status.last_run_at).not.toBeNull();
    // What the daemon measures of itself: rounds since it started, the last one's time, its memory.
    expect(status.rounds).toBeGreaterThanOrEqual(2);
    expect(status.last_round_ms).toBeGreaterThanOrEqual(0);
    expect(status.rss_mb).toBeGreaterThan(10);
    expect(status.rss_mb).toBeLessThan(2048);
    const text = spawnCli(['daemon', 'status'], env).stdout;
    expect(text).toMatch(/rounds\s+\d+ since it started; the last took \d+ ms, memory [\d.]+ MB after it/);
    // And each round's stages are in the log, as a sync's are.
    const rounds = fs
      .readFileSync(path.join(home, 'logs', 'finagg.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"daemon.round"'))
      .map((l) => JSON.parse(l) as { round: number; ms: number; stages: Record<string, number> });
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(rounds[0]!.round).toBe(1);
    expect(Object.keys(rounds[0]!.stages)).toEqual(expect.arrayContaining(['fetch', 'write']));

    const started = Date.now();
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fs.existsSync(path.join(home, 'daemon.pid'))).toBe(false);
    expect(JSON.parse(spawnCli(['daemon', 'status', '--json'], env).stdout)).toMatchObject({ running: false, pid: null });
    // The lock is free again.
    expect(spawnCli(['daemon', '--once'], env).code).toBe(0);
  }, 60_000);

  it('recovers from SIGKILL in the middle of a sync: no duplicates, no half page', async () => {
    // One fixed clock for both homes: on the real one, the reference syncs seconds later and
    // may see a purchase the simulated bank made in between, which is no lost row.
    const big = { FINAGG_SIM_HISTORY_DAYS: '1000', FINAGG_SIM_DAILY: '30', FINAGG_NOW: '2026-11-23T12:00:00Z' };
    const { home, env } = linkedHome(big);
    const daemon = startDaemon(env, '--every', '2s');
    // Killed while the first sync is writing (some rows stored, not all).
    await until(() => fs.existsSync(path.join(home, 'finagg.db')) && storedRows(home).length > 2000, 30_000, 'a sync under way');
    daemon.child.kill('SIGKILL');
    await daemon.exited;
    expect(fs.existsSync(path.join(home, 'daemon.pid'))).toBe(true); // left behind, stale

    const again = spawnCli(['daemon', '--once'], env);
    expect(again.code, again.stderr).toBe(0);
    const rows = storedRows(home);
    expect(rows.filter((r) => r.n > 1)).toEqual([]);

    // The same banks synced in one go from a fresh home store exactly the same rows.
    const reference = linkedHome(big);
    expect(spawnCli(['sync'], reference.env).code).toBe(0);
    const key = (r: { account_id: number; provider_txn_id: string }) => `${r.account_id}|${r.provider_txn_id}`;
    expect(rows.map(key).sort()).toEqual(storedRows(reference.home).map(key).sort());
  }, 120_000);

  it('lets finagg sync run while the daemon syncs the same accounts: no duplicates, no error', async () => {
    const big = { FINAGG_SIM_HISTORY_DAYS: '900', FINAGG_SIM_DAILY: '30' };
    const { home, env } = linkedHome(big);
    const daemon = startDaemon(env, '--every', '60s');
    await until(() => fs.existsSync(path.join(home, 'finagg.db')) && storedRows(home).length > 500, 30_000, 'the daemon syncing');
    const manual = spawnCli(['sync', '--json'], env);
    expect(manual.code, manual.stderr).toBe(0);
    expect(manual.stderr).not.toMatch(/SQLITE_BUSY|locked/i);
    const runs = JSON.parse(manual.stdout).runs as { status: string }[];
    expect(runs.every((r) => r.status === 'success')).toBe(true);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    expect(daemon.output()).not.toMatch(/SQLITE_BUSY|failed/i);
    expect(storedRows(home).filter((r) => r.n > 1)).toEqual([]);
  }, 120_000);
});

describe('a daemon round', () => {
  it('backs off a failing bank with jitter, honoring retry-after, and resets after a success', async () => {
    const { home } = linkedHome();
    const now = Date.parse('2026-11-23T12:00:00Z');
    const failing = cliContext(home, {
      FINAGG_KEYSTORE: 'file',
      FINAGG_SEED: '21',
      FINAGG_NOW: new Date(now).toISOString(),
      FINAGG_SIM_FAULTS: 'institution_down@bankb',
    });
    const backoff = new ConnectionBackoff(() => 0.5);
    const first = await daemonRound(failing, backoff, new AbortController().signal);
    expect(first.runs.some((r) => r.status === 'failed')).toBe(true);
    const bankb = first.runs.find((r) => r.status === 'failed')!;
    const connectionId = (
      await failing.db.selectFrom('accounts').select('connection_id').where('id', '=', bankb.accountId!).executeTakeFirstOrThrow()
    ).connection_id!;
    const wait1 = backoff.notBefore(connectionId)! - failing.clock.nowMs();
    expect(wait1).toBeGreaterThanOrEqual(30_000);

    // Not due yet: skipped, not hammered.
    const second = await daemonRound(failing, backoff, new AbortController().signal);
    expect(second.skipped).toContainEqual(expect.objectContaining({ connectionId, reason: 'backing_off' }));
    // Each failure in a row waits longer, up to the cap.
    expect(backoff.failed(connectionId, now)).toBeGreaterThan(wait1);
    expect(backoff.failed(connectionId, now, 3 * 3_600_000)).toBe(3 * 3_600_000); // a bank's retry-after wins
    backoff.succeeded(connectionId);
    expect(backoff.due(connectionId, now)).toBe(true);
    await failing.close();
  }, 60_000);

  it('skips a bank that needs the person to log in again, with one alert', async () => {
    const { home } = linkedHome();
    const ctx = cliContext(home, {
      FINAGG_KEYSTORE: 'file',
      FINAGG_SEED: '21',
      FINAGG_NOW: '2026-11-23T12:00:00Z',
      FINAGG_SIM_FAULTS: 'login_required@banka',
    });
    const backoff = new ConnectionBackoff(() => 0.5);
    await daemonRound(ctx, backoff, new AbortController().signal);
    const again = await daemonRound(ctx, backoff, new AbortController().signal);
    expect(again.skipped).toContainEqual(expect.objectContaining({ provider: 'banka', reason: 'needs_relink' }));
    // No banka account was synced in that round: only the other bank's.
    const bankaAccounts = (await ctx.db.selectFrom('accounts').select('id').where('provider', '=', 'banka').execute()).map(
      (a) => a.id,
    );
    expect(again.runs.length).toBeGreaterThan(0);
    expect(again.runs.filter((r) => bankaAccounts.includes(r.accountId!))).toEqual([]);
    await daemonRound(ctx, backoff, new AbortController().signal);
    const alerts = await ctx.db.selectFrom('alerts').select(['type', 'message']).where('type', '=', 'needs_relink').execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toMatch(/banka asks you to log in again/);
    const listed = await runCli(['alerts', '--json'], {
      FINAGG_HOME: home,
      FINAGG_KEYSTORE: 'file',
      FINAGG_NOW: '2026-11-23T12:00:00Z',
    });
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ type: 'needs_relink' }));
    await ctx.close();
  }, 60_000);
});
