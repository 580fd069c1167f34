import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bankBPendingId } from '../../src/providers/bankb/server';
import { bankCTxnId } from '../../src/providers/bankc/server';
import { findCases, type DedupeCase } from '../../src/providers/sim/cases';
import type { SimEvent } from '../../src/providers/sim/event';
import { SimWorld } from '../../src/providers/sim/world';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

/**
 * Issue 38: when a pending charge posts with another amount or is withdrawn, a budget
 * alert already sent is not sent again for the same threshold, and one crossed only
 * because of a pending charge that was withdrawn is said to be withdrawn, once, through
 * the outbox to every channel.
 */

const T0 = '2026-11-10T12:00:00.000Z';

interface AlertJson {
  id: number;
  type: string;
  category: string;
  threshold: number;
  percent: number;
  message: string;
  deliveries: { channel: string; delivered_at: string | null }[];
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A loopback webhook that keeps what it is sent. */
async function webhook(): Promise<{ url: string; received: { type: string; message: string; threshold: number }[] }> {
  const received: { type: string; message: string; threshold: number }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req
      .on('data', (c) => (body += c))
      .on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

/**
 * A home with one USD account (manual, unless another provider's is asked for); rows are
 * written straight to the database, as a bank's sync would leave them.
 */
function home(provider = 'manual') {
  const dir = freshHome();
  const db = () => openDatabase(dir, { nowIso: T0 }).sqlite;
  const s = db();
  s.prepare(
    "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES (?, 'Everyday', 'checking', 'USD', ?, ?)",
  ).run(provider, T0, T0);
  s.close();
  let hash = 0;
  const write = (sql: string, ...args: unknown[]) => {
    const s = db();
    const r = s.prepare(sql).run(...args);
    s.close();
    return r;
  };
  const add = (date: string, cents: number, merchant: string, pending: boolean, category = 'groceries') =>
    Number(
      write(
        `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, category, pending, created_ms, updated_ms)
         VALUES (1, ?, ?, ?, 'USD', ?, ?, ?, ?, unixepoch(?) * 1000, unixepoch(?) * 1000)`,
        ++hash,
        date,
        -cents,
        merchant.toUpperCase(),
        merchant,
        category,
        pending ? 1 : 0,
        T0,
        T0,
      ).lastInsertRowid,
    );
  /** The bank withdrew a pending charge: the row stays, removed. */
  const withdraw = (id: number) => write('UPDATE transactions SET removed = 1, removed_at = ? WHERE id = ?', T0, id);
  /** The pending charge posted, under the same row, at `cents`. */
  const post = (id: number, cents: number) =>
    write('UPDATE transactions SET pending = 0, amount_cents = ? WHERE id = ?', -cents, id);
  const recategorize = (id: number, category: string) => write('UPDATE transactions SET category = ? WHERE id = ?', category, id);
  const cli = (now: string, ...argv: string[]) => runCli(argv, { FINAGG_HOME: dir, FINAGG_NOW: now, FINAGG_KEYSTORE: 'file' });
  /** A sync: the alerts it raised, as `[type, threshold]`. */
  const sync = async (now = T0) => {
    const r = await cli(now, 'sync', '--json');
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout).alerts as AlertJson[]).map((a) => [a.type, a.threshold]);
  };
  const alerts = async (now = T0) => JSON.parse((await cli(now, 'alerts', '--all', '--json')).stdout) as AlertJson[];
  return { dir, add, withdraw, post, recategorize, cli, sync, alerts };
}

describe('a budget alert crossed by a pending charge', () => {
  it('says once, on every channel, that the charge was withdrawn; a later real crossing alerts anew', async () => {
    const hook = await webhook();
    const h = home();
    expect((await h.cli(T0, 'config', 'set', 'alerts.webhook', hook.url)).code).toBe(0);
    expect((await h.cli(T0, 'budget', 'set', 'groceries', '250')).code).toBe(0);
    h.add('2026-11-02', 212_40, 'Whole Foods', false);
    expect(await h.sync()).toEqual([['budget_threshold', 80]]);
    const steam = h.add('2026-11-09', 89_60, 'Steam', true);
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);

    h.withdraw(steam);
    const r = await h.cli(T0, 'sync');
    expect(r.code, r.stderr).toBe(0);
    const message =
      'groceries: the $89.60 pending charge at Steam that crossed 100% was withdrawn; $212.40 of $250.00 spent this month (85%)';
    expect(r.stdout).toContain(`alert ${message}`);
    const [told] = await h.alerts();
    expect(told).toMatchObject({ type: 'budget_withdrawn', category: 'groceries', threshold: 100, percent: 85, message });
    // One outbox row per channel, each delivered once.
    expect(told!.deliveries.map((d) => d.channel).sort()).toEqual(['terminal', 'webhook']);
    expect(told!.deliveries.every((d) => d.delivered_at !== null)).toBe(true);
    expect(hook.received.map((a) => [a.type, a.threshold])).toEqual([
      ['budget_threshold', 80],
      ['budget_threshold', 100],
      ['budget_withdrawn', 100],
    ]);
    expect(hook.received[2]!.message).toBe(message);

    // Said once: later syncs say nothing more.
    expect(await h.sync()).toEqual([]);
    expect((await h.cli(T0, 'sync')).stdout).not.toContain('withdrawn');
    expect(hook.received).toHaveLength(3);

    // The threshold is fireable again: a real crossing later in the month gets its alert.
    h.add('2026-11-10', 40_00, 'Safeway', false);
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);
    expect(await h.sync()).toEqual([]);
    expect((await h.alerts()).map((a) => [a.type, a.threshold])).toEqual([
      ['budget_threshold', 100],
      ['budget_withdrawn', 100],
      ['budget_threshold', 100],
      ['budget_threshold', 80],
    ]);
  });

  it('tells a threshold withdrawn once a period, however often a bank withdraws what crossed it', async () => {
    const h = home();
    await h.cli(T0, 'budget', 'set', 'groceries', '100', '--alert-at', '100');
    h.add('2026-11-02', 90_00, 'Whole Foods', false);
    const first = h.add('2026-11-05', 20_00, 'Steam', true);
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);
    h.withdraw(first);
    expect(await h.sync()).toEqual([['budget_withdrawn', 100]]);
    const second = h.add('2026-11-07', 15_00, 'Steam', true);
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);
    h.withdraw(second);
    expect(await h.sync()).toEqual([]);
    expect(await h.sync()).toEqual([]);
    expect((await h.alerts()).map((a) => a.type)).toEqual(['budget_threshold', 'budget_withdrawn', 'budget_threshold']);
  });

  it('tells nothing when the spend fell because of a recategorization, not the withdrawal', async () => {
    const h = home();
    await h.cli(T0, 'budget', 'set', 'groceries', '100', '--alert-at', '100');
    const moved = h.add('2026-11-02', 50_00, 'Costco', false);
    h.add('2026-11-03', 40_00, 'Whole Foods', false);
    const pending = h.add('2026-11-05', 20_00, 'Safeway', true);
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);
    // Below the line with the pending charge still there: a recategorization.
    h.recategorize(moved, 'home');
    expect(await h.sync()).toEqual([]);
    // Withdrawn now, but even with it back the spend ($60.00) is below $100.00.
    h.withdraw(pending);
    expect(await h.sync()).toEqual([]);
    expect((await h.alerts()).map((a) => a.type)).toEqual(['budget_threshold']);
  });

  it('sends nothing again when the pending charge posts with another amount, larger or smaller', async () => {
    const h = home();
    await h.cli(T0, 'budget', 'set', 'groceries', '100');
    h.add('2026-11-02', 70_00, 'Whole Foods', false);
    const dinner = h.add('2026-11-05', 35_00, 'Corner Bistro', true, 'groceries');
    expect(await h.sync()).toEqual([
      ['budget_threshold', 80],
      ['budget_threshold', 100],
    ]);
    h.post(dinner, 42_00); // a tip added: 112%, still over
    expect(await h.sync()).toEqual([]);
    let [b] = JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout);
    expect(b).toMatchObject({ spent: 112, pending: 0, percent: 112 });
    h.post(dinner, 25_00); // corrected down to 95%: below 100% but posted, not withdrawn
    expect(await h.sync()).toEqual([]);
    [b] = JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout);
    expect(b).toMatchObject({ spent: 95, pending: 0 });
    expect((await h.alerts()).map((a) => [a.type, a.threshold])).toEqual([
      ['budget_threshold', 100],
      ['budget_threshold', 80],
    ]);
  });

  it('takes a pending row a SimpleFIN Bridge stopped listing, with its posting beside it, as posted, not withdrawn', async () => {
    const h = home('simplefin');
    await h.cli(T0, 'budget', 'set', 'groceries', '100', '--alert-at', '100');
    h.add('2026-11-02', 60_00, 'Whole Foods', false);
    const hold = h.add('2026-11-05', 42_00, 'Corner Bistro', true);
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);
    // Posted under another id for less (the sweep removes the pending row): 95%, below the line.
    h.add('2026-11-06', 35_00, 'Corner Bistro', false);
    h.withdraw(hold);
    expect(await h.sync()).toEqual([]);
    // One it stopped listing with no posting beside it was withdrawn.
    await h.cli(T0, 'budget', 'set', 'dining', '50', '--alert-at', '100');
    const steak = h.add('2026-11-07', 55_00, 'Steakhouse', true, 'dining');
    expect(await h.sync()).toEqual([['budget_threshold', 100]]);
    h.withdraw(steak);
    expect(await h.sync()).toEqual([['budget_withdrawn', 100]]);
    expect((await h.alerts()).map((a) => [a.type, a.category])).toEqual([
      ['budget_withdrawn', 'dining'],
      ['budget_threshold', 'dining'],
      ['budget_threshold', 'groceries'],
    ]);
  });

  it('tells a withdrawal of last month’s last days in the next month, as last month’s', async () => {
    const h = home();
    const nov30 = '2026-11-30T18:00:00.000Z';
    await h.cli(nov30, 'budget', 'set', 'groceries', '100', '--alert-at', '100');
    h.add('2026-11-20', 95_00, 'Whole Foods', false);
    const hold = h.add('2026-11-30', 12_50, 'Shell', true);
    expect(await h.sync(nov30)).toEqual([['budget_threshold', 100]]);
    h.withdraw(hold);
    const dec2 = '2026-12-02T18:00:00.000Z';
    expect(await h.sync(dec2)).toEqual([['budget_withdrawn', 100]]);
    const [told] = await h.alerts(dec2);
    expect(told!.message).toBe(
      'groceries: the $12.50 pending charge at Shell that crossed 100% was withdrawn; $95.00 of $100.00 spent last month (95%)',
    );
    expect(await h.sync(dec2)).toEqual([]);
  });
});

describe('with the simulated banks', () => {
  const BASE = { FINAGG_SEED: '11', FINAGG_KEYSTORE: 'file', FINAGG_SIM_HISTORY_DAYS: '30', FINAGG_SIM_DAILY: '6' };
  const iso = (ms: number) => new Date(ms).toISOString();

  /** The newest event of `kind` by `later` that is pending a minute after it was authorized and changes in the same month. */
  function eventAcross(bank: 'bankb' | 'bankc', kind: DedupeCase, later: number): { event: SimEvent; t0: number; t1: number } {
    const world = new SimWorld(bank, Number(BASE.FINAGG_SEED), { historyDays: 30, daily: 6 });
    const changeAt = (e: SimEvent) => Math.min(e.settleMs, e.cancelMs);
    const found = findCases(world, kind, later, 100_000)
      .filter((e) => e.authMs + 60_000 < changeAt(e))
      .filter((e) => iso(e.authMs).slice(0, 7) === iso(changeAt(e) + 3_600_000).slice(0, 7))
      .at(-1);
    expect(found, `a ${kind} event at ${bank}`).toBeDefined();
    return { event: found!, t0: found!.authMs + 60_000, t1: changeAt(found!) + 3_600_000 };
  }

  async function linked(bank: string, atMs: number) {
    const dir = freshHome();
    const cli = (atMs: number, ...argv: string[]) => runCli(argv, { ...BASE, FINAGG_HOME: dir, FINAGG_NOW: iso(atMs) });
    expect((await cli(atMs, 'link', bank, '--yes', '--no-sync')).code).toBe(0);
    const sync = async (atMs: number) => {
      const r = await cli(atMs, 'sync', '--json');
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout).alerts as AlertJson[]).map((a) => [a.type, a.category, a.threshold]);
    };
    const rowOf = (providerTxnId: string) => {
      const { sqlite } = openDatabase(dir, { nowIso: iso(atMs) });
      const row = sqlite
        .prepare('SELECT id, amount_cents, pending, removed FROM transactions WHERE provider_txn_id = ?')
        .get(providerTxnId) as { id: number; amount_cents: number; pending: number; removed: number };
      sqlite.close();
      return row;
    };
    return { cli, sync, rowOf };
  }

  it('BankB withdraws the pending charge that carried a budget over: one withdrawn alert per channel, naming it', async () => {
    const { event, t0, t1 } = eventAcross('bankb', 'cancelled', Date.parse('2026-11-25T18:00:00Z'));
    const hook = await webhook();
    const h = await linked('bankb', t0);
    expect((await h.cli(t0, 'config', 'set', 'alerts.webhook', hook.url)).code).toBe(0);
    await h.sync(t0);
    const pending = h.rowOf(bankBPendingId(event));
    expect(pending).toMatchObject({ pending: 1, removed: 0, amount_cents: event.amountCents });
    // The charge alone in a budget of its own, which it carries to 100%.
    const dollars = (-event.amountCents / 100).toFixed(2);
    expect((await h.cli(t0, 'budget', 'set', 'holds', dollars, '--create')).code).toBe(0);
    expect((await h.cli(t0, 'tx', 'edit', String(pending.id), '--category', 'holds')).code).toBe(0);
    expect(await h.sync(t0)).toEqual([
      ['budget_threshold', 'holds', 80],
      ['budget_threshold', 'holds', 100],
    ]);

    // The bank withdraws it.
    expect(await h.sync(t1)).toEqual([['budget_withdrawn', 'holds', 100]]);
    expect(h.rowOf(bankBPendingId(event))).toMatchObject({ removed: 1, pending: 1 });
    const withdrawn = (JSON.parse((await h.cli(t1, 'alerts', '--json')).stdout) as AlertJson[]).filter(
      (a) => a.type === 'budget_withdrawn',
    );
    expect(withdrawn).toHaveLength(1);
    const money = `$${dollars}`;
    expect(withdrawn[0]!.message).toBe(
      `holds: the ${money} pending charge at ${event.merchant} that crossed 80% and 100% was withdrawn; $0.00 of ${money} spent this month (0%)`,
    );
    expect(withdrawn[0]!.deliveries.map((d) => [d.channel, d.delivered_at !== null]).sort()).toEqual([
      ['terminal', true],
      ['webhook', true],
    ]);
    expect(hook.received.filter((a) => a.type === 'budget_withdrawn').map((a) => a.message)).toEqual([withdrawn[0]!.message]);

    // Another sync, later: nothing more.
    expect(await h.sync(t1 + 3_600_000)).toEqual([]);
    expect(hook.received.filter((a) => a.type === 'budget_withdrawn')).toHaveLength(1);
  });

  it('BankC posts the pending charge with a tip: the budget moves, its alert is not sent again', async () => {
    const { event, t0, t1 } = eventAcross('bankc', 'tipped', Date.parse('2026-08-20T18:00:00Z'));
    expect(-event.postedCents).toBeGreaterThan(-event.amountCents);
    const h = await linked('bankc', t0);
    await h.sync(t0);
    const pending = h.rowOf(bankCTxnId(event, 'first'));
    expect(pending).toMatchObject({ pending: 1, amount_cents: event.amountCents });
    const amount = (-event.amountCents / 100).toFixed(2);
    expect((await h.cli(t0, 'budget', 'set', 'dinners', amount, '--currency', 'EUR', '--create')).code).toBe(0);
    expect((await h.cli(t0, 'tx', 'edit', String(pending.id), '--category', 'dinners')).code).toBe(0);
    expect(await h.sync(t0)).toEqual([
      ['budget_threshold', 'dinners', 80],
      ['budget_threshold', 'dinners', 100],
    ]);

    // It posts with the tip, under the same row: more spent, no second alert, nothing withdrawn.
    expect(await h.sync(t1)).toEqual([]);
    expect(await h.sync(t1 + 3_600_000)).toEqual([]);
    const row = h.rowOf(bankCTxnId(event, 'tipped'));
    expect(row).toMatchObject({ id: pending.id, pending: 0, removed: 0, amount_cents: event.postedCents });
    const [budget] = JSON.parse((await h.cli(t1, 'budget', 'list', '--json')).stdout);
    expect(budget).toMatchObject({ category: 'dinners', spent: -event.postedCents / 100, pending: 0 });
    const all = JSON.parse((await h.cli(t1, 'alerts', '--all', '--json')).stdout) as AlertJson[];
    expect(all.map((a) => [a.type, a.threshold])).toEqual([
      ['budget_threshold', 100],
      ['budget_threshold', 80],
    ]);
  });
});
