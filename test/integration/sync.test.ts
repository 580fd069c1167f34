import { describe, expect, it } from 'vitest';
import { bankBPendingId } from '../../src/providers/bankb/server';
import { bankCIdAt, bankCTxnId } from '../../src/providers/bankc/server';
import { findCases, type DedupeCase } from '../../src/providers/sim/cases';
import type { SimEvent } from '../../src/providers/sim/event';
import { SimWorld } from '../../src/providers/sim/world';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const DAY = 86_400_000;
// In the household's summer stay in Berlin, when BankC's Girokonto is busy too.
const NOW = Date.parse('2026-08-05T18:00:00Z');
const BASE = { FINAGG_SEED: '11', FINAGG_KEYSTORE: 'file', FINAGG_SIM_HISTORY_DAYS: '60', FINAGG_SIM_DAILY: '40' };
const iso = (ms: number) => new Date(ms).toISOString();

/** A home with the banks linked at `atMs`, and a CLI runner whose clock can move. */
async function linkedHome(banks: string[], atMs: number, extra: Record<string, string> = {}) {
  const home = freshHome();
  /** The CLI at a moment, with extra environment (faults) for one call. */
  const cliWith = (atMs: number, env: Record<string, string>, ...argv: string[]) =>
    runCli(argv, { ...BASE, ...extra, ...env, FINAGG_HOME: home, FINAGG_NOW: iso(atMs) });
  const cli = (atMs: number, ...argv: string[]) => cliWith(atMs, {}, ...argv);
  for (const bank of banks) expect((await cli(atMs, 'link', bank, '--yes', '--no-sync')).code).toBe(0);
  return { home, cli, cliWith };
}

async function sync(
  cli: (atMs: number, ...argv: string[]) => Promise<{ code: number; stdout: string }>,
  atMs: number,
  ...flags: string[]
) {
  const r = await cli(atMs, 'sync', '--json', ...flags);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).runs as {
    account_id: number;
    status: string;
    inserted: number;
    deduplicated: number;
    updated: number;
    removed: number;
    rejected: number;
    fetched: number;
    error: string | null;
  }[];
}

interface Row {
  id: number;
  account_id: number;
  provider_txn_id: string;
  date: string;
  amount_cents: number;
  description: string;
  pending: number;
  removed: number;
}

function rows(home: string): Row[] {
  const { sqlite } = openDatabase(home, { nowIso: iso(NOW) });
  const all = sqlite
    .prepare(
      'SELECT id, account_id, provider_txn_id, date, amount_cents, description, pending, removed FROM transactions ORDER BY id',
    )
    .all() as Row[];
  sqlite.close();
  return all;
}

function auditOf(home: string, transactionId: number) {
  const { sqlite } = openDatabase(home, { nowIso: iso(NOW) });
  const all = sqlite
    .prepare('SELECT field, old_value, new_value, source FROM audit_log WHERE transaction_id = ? ORDER BY id')
    .all(transactionId);
  sqlite.close();
  return all;
}

/**
 * The newest event of `bank` that shows `kind` by `later`, and a moment `earlier` at which
 * it was in its first state (pending, or posted under its first id), so that two syncs,
 * at `earlier` and `later`, see it change.
 */
function eventAcross(bank: 'bankb' | 'bankc', kind: DedupeCase, later: number): { event: SimEvent; earlier: number } {
  const world = new SimWorld(bank, Number(BASE.FINAGG_SEED), { historyDays: 60, daily: 40 });
  const changeAt = (e: SimEvent) => (kind === 'reissued' ? e.reissueMs : Math.min(e.settleMs, e.cancelMs));
  const firstStateAt = (e: SimEvent) => (kind === 'reissued' ? e.settleMs : e.authMs) + 60_000;
  const found = findCases(world, kind, later, 100_000)
    .filter((e) => firstStateAt(e) < changeAt(e))
    .at(-1);
  expect(found, `a ${kind} event at ${bank}`).toBeDefined();
  return { event: found!, earlier: firstStateAt(found!) };
}

describe('sync', () => {
  it('stores overlapping windows once, and a second sync inserts nothing (cases 1 and 6)', async () => {
    const { home, cli } = await linkedHome(['banka', 'bankb', 'bankc'], NOW);
    const first = await sync(cli, NOW);
    expect(first).toHaveLength(7);
    expect(first.every((r) => r.status === 'success' && r.inserted > 0)).toBe(true);
    const second = await sync(cli, NOW);
    expect(second.map((r) => r.inserted)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const later = await sync(cli, NOW + 3 * DAY);
    const all = rows(home);
    const inserted = [...first, ...second, ...later].reduce((n, r) => n + r.inserted, 0);
    expect(all).toHaveLength(inserted);
    // Moving the clock adds only the new days (and what settled in the overlap).
    const newRows = all.slice(all.length - later.reduce((n, r) => n + r.inserted, 0));
    expect(newRows.every((r) => r.date >= new Date(NOW - 6 * DAY).toISOString().slice(0, 10))).toBe(true);
    expect(new Set(all.map((r) => `${r.account_id}|${r.provider_txn_id}`)).size).toBe(all.length);
  });

  it('keeps two identical purchases of one day, and fetching the day again adds none (case 2)', async () => {
    const { home, cli } = await linkedHome(['banka', 'bankb', 'bankc'], NOW);
    await sync(cli, NOW);
    const again = await sync(cli, NOW, '--full');
    expect(again.map((r) => r.inserted)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(again.reduce((n, r) => n + r.deduplicated, 0)).toBeGreaterThan(1000);
    const live = rows(home).filter((r) => r.removed === 0);
    const groups = new Map<string, number>();
    for (const r of live) {
      const key = `${r.account_id}|${r.date}|${r.amount_cents}|${r.description}|${r.pending}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect([...groups.values()].filter((n) => n >= 2).length).toBeGreaterThan(0);
  });

  it('turns a BankC pending row into the posted one with the tip, audited (case 3)', async () => {
    const t1 = NOW;
    const { event, earlier: t0 } = eventAcross('bankc', 'tipped', t1);
    const { home, cli } = await linkedHome(['bankc'], t0);
    await sync(cli, t0);
    const pending = rows(home).find((r) => r.provider_txn_id === bankCTxnId(event, 'first'))!;
    expect(pending).toMatchObject({ pending: 1, amount_cents: event.amountCents });
    const runs = await sync(cli, t1);
    expect(runs.reduce((n, r) => n + r.updated, 0)).toBeGreaterThan(0);
    const after = rows(home).filter((r) => r.id === pending.id || r.provider_txn_id === bankCIdAt(event, t1));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: pending.id, pending: 0, amount_cents: event.postedCents, removed: 0 });
    expect(auditOf(home, pending.id)).toEqual(
      expect.arrayContaining([
        { field: 'amount_cents', old_value: String(event.amountCents), new_value: String(event.postedCents), source: 'sync' },
        { field: 'pending', old_value: '1', new_value: '0', source: 'sync' },
      ]),
    );
  });

  it('marks a BankB withdrawn charge removed, and tx no longer shows it (case 4)', async () => {
    const t1 = NOW;
    const { event, earlier: t0 } = eventAcross('bankb', 'cancelled', t1);
    const { home, cli } = await linkedHome(['bankb'], t0);
    await sync(cli, t0);
    const before = rows(home).find((r) => r.provider_txn_id === bankBPendingId(event))!;
    expect(before).toMatchObject({ pending: 1, removed: 0 });
    const runs = await sync(cli, t1);
    expect(runs.reduce((n, r) => n + r.removed, 0)).toBeGreaterThan(0);
    expect(rows(home).find((r) => r.id === before.id)).toMatchObject({ removed: 1 });
    const listed = JSON.parse((await cli(t1, 'tx', '--limit', '100000', '--json')).stdout) as { id: number }[];
    expect(listed.some((t) => t.id === before.id)).toBe(false);
  });

  it('adds no row when BankC re-issues an id it already sent (case 5)', async () => {
    const t1 = NOW;
    const { event, earlier: t0 } = eventAcross('bankc', 'reissued', t1);
    const { home, cli } = await linkedHome(['bankc'], t0);
    await sync(cli, t0);
    const stored = rows(home).filter((r) => r.removed === 0);
    const original = stored.find((r) => r.provider_txn_id === bankCIdAt(event, t0))!;
    expect(original).toBeDefined();
    await sync(cli, t1);
    const after = rows(home);
    expect(after.filter((r) => r.id === original.id || r.provider_txn_id === bankCIdAt(event, t1))).toEqual([
      { ...original, provider_txn_id: bankCIdAt(event, t1) },
    ]);
  });

  it('gives identical tx --json in two fresh homes with the same seed and clock', async () => {
    const outputs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { cli } = await linkedHome(['banka', 'bankb', 'bankc'], NOW);
      await sync(cli, NOW);
      outputs.push((await cli(NOW, 'tx', '--limit', '100000', '--json')).stdout);
    }
    expect(JSON.parse(outputs[0]!).length).toBeGreaterThan(1000);
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('shows only groceries, newest first, for tx --category groceries', async () => {
    const { cli } = await linkedHome(['banka', 'bankb', 'bankc'], NOW);
    await sync(cli, NOW);
    const list = JSON.parse((await cli(NOW, 'tx', '--category', 'groceries', '--limit', '10', '--json')).stdout) as {
      category: string;
      date: string;
    }[];
    expect(list).toHaveLength(10);
    expect(list.every((t) => t.category === 'groceries')).toBe(true);
    expect(list.map((t) => t.date)).toEqual([...list.map((t) => t.date)].sort().reverse());
  });

  it('ends partial for BankC with malformed records, storing every good one', async () => {
    const clean = await linkedHome(['bankc'], NOW);
    await sync(clean.cli, NOW);
    const { home, cli } = await linkedHome(['bankc'], NOW, { FINAGG_SIM_FAULTS: 'malformed:0.05@bankc' });
    const runs = await sync(cli, NOW);
    // The Girokonto's run rejects some and ends partial; the Tagesgeld's few records may all be fine.
    expect(runs.every((r) => (r.rejected > 0 ? r.status === 'partial' : r.status === 'success'))).toBe(true);
    expect(runs[0]).toMatchObject({ status: 'partial' });
    expect(runs[0]!.rejected).toBeGreaterThan(0);
    const rejected = runs.reduce((n, r) => n + r.rejected, 0);
    expect(rows(home).length).toBe(rows(clean.home).length - rejected);
    const { sqlite } = openDatabase(home, { nowIso: iso(NOW) });
    expect(sqlite.prepare('SELECT count(*) AS n FROM quarantine').get()).toEqual({ n: rejected });
    sqlite.close();
  });

  it('marks a bank that wants a new login needs_relink, says how to fix it, and syncs the others', async () => {
    const { cli, cliWith } = await linkedHome(['banka', 'bankb'], NOW);
    const r = await cliWith(NOW, { FINAGG_SIM_FAULTS: 'login_required@banka' }, 'sync', '--json');
    expect(r.code).toBe(0);
    const runs = JSON.parse(r.stdout).runs as { account_id: number; status: string; error: string | null }[];
    const failed = runs.filter((x) => x.status === 'failed' || x.status === 'skipped');
    expect(failed.length).toBe(3);
    expect(failed[0]!.error).toContain('finagg link banka');
    expect(runs.filter((x) => x.status === 'success')).toHaveLength(2);
    const connections = JSON.parse((await cli(NOW, 'connections', '--json')).stdout) as { provider: string; status: string }[];
    expect(connections.map((c) => `${c.provider}:${c.status}`)).toEqual(['banka:needs_relink', 'bankb:active']);
    // Later syncs skip it without asking the bank, until it is relinked.
    const next = await sync(cli, NOW);
    expect(next.filter((x) => x.status === 'skipped')).toHaveLength(3);
    expect((await cli(NOW, 'link', 'banka', '--yes', '--no-sync')).code).toBe(0);
    expect((await sync(cli, NOW)).every((x) => x.status === 'success')).toBe(true);
  });

  it('retries a rate-limited bank and exits 1 only when every account failed', async () => {
    const { cliWith } = await linkedHome(['bankb'], NOW);
    const down = await cliWith(NOW, { FINAGG_SIM_FAULTS: 'institution_down@bankb' }, 'sync', '--json');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/no account could be synced: BankB .* is down \(tried 4 times\)/);
    const limited = await cliWith(NOW, { FINAGG_SIM_FAULTS: 'rate_limited:0.5@bankb' }, 'sync', '--json');
    expect(limited.code).toBe(0);
  });
});

describe('sync runs', () => {
  it('measure their duration even when FINAGG_NOW fixes the clock', async () => {
    const { cli } = await linkedHome(['banka'], NOW);
    const runs = JSON.parse((await cli(NOW, 'sync', '--json')).stdout).runs as {
      duration_ms: number;
      started_at: string;
      finished_at: string;
    }[];
    expect(runs.every((r) => r.started_at === iso(NOW) && r.finished_at === iso(NOW))).toBe(true);
    expect(runs.reduce((n, r) => n + r.duration_ms, 0)).toBeGreaterThan(0);
  });
});
