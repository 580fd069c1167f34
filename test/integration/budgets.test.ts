import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const T0 = '2026-11-10T12:00:00.000Z';

/** A home with one manual USD account; rows are added straight to the database. */
function home() {
  const dir = freshHome();
  const db = () => openDatabase(dir, { nowIso: T0 }).sqlite;
  const s = db();
  s.prepare(
    "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Everyday', 'checking', 'USD', ?, ?)",
  ).run(T0, T0);
  s.close();
  let hash = 0;
  const spend = (date: string, cents: number, category = 'groceries') => {
    const s = db();
    s.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, category, created_ms, updated_ms)
       VALUES (1, ?, ?, ?, 'USD', 'WHOLEFDS MKT', ?, unixepoch(?) * 1000, unixepoch(?) * 1000)`,
    ).run(++hash, date, -cents, category, T0, T0);
    s.close();
    return hash;
  };
  const recategorize = (id: number, category: string) => {
    const s = db();
    s.prepare('UPDATE transactions SET category = ? WHERE id = ?').run(category, id);
    s.close();
  };
  const cli = (now: string, ...argv: string[]) => runCli(argv, { FINAGG_HOME: dir, FINAGG_NOW: now, FINAGG_KEYSTORE: 'file' });
  const syncAlerts = async (now: string) => {
    const r = await cli(now, 'sync', '--json');
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout).alerts as { threshold: number; category: string; message: string }[]).map((a) => a.threshold);
  };
  return { dir, db, spend, recategorize, cli, syncAlerts };
}

describe('budgets and their alerts', () => {
  it('fires 80% and 100% once each per period, not again, and starts fresh next month', async () => {
    const h = home();
    expect((await h.cli(T0, 'budget', 'set', 'groceries', '100')).code).toBe(0);
    h.spend('2026-11-02', 3000);
    expect(await h.syncAlerts(T0)).toEqual([]);

    h.spend('2026-11-09', 7500); // 105%: both thresholds in one sync
    expect(await h.syncAlerts(T0)).toEqual([80, 100]);
    expect(await h.syncAlerts(T0)).toEqual([]);

    // A recategorization that lowers spend fires nothing; back above, nothing twice.
    const moved = h.spend('2026-11-10', 500);
    h.recategorize(moved, 'dining');
    expect(await h.syncAlerts(T0)).toEqual([]);
    h.recategorize(moved, 'groceries');
    expect(await h.syncAlerts(T0)).toEqual([]);

    const list = JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout);
    expect(list).toEqual([
      expect.objectContaining({
        category: 'groceries',
        amount: 100,
        spent: 110,
        remaining: -10,
        percent: 110,
        period: 'monthly',
        period_start: '2026-11-01',
        period_end: '2026-11-30',
        alert_at: [80, 100],
      }),
    ]);

    // December: spend starts at zero; 80% fires again, for the new period.
    const dec = '2026-12-05T12:00:00.000Z';
    expect(JSON.parse((await h.cli(dec, 'budget', 'list', '--json')).stdout)[0]).toMatchObject({
      spent: 0,
      period_start: '2026-12-01',
    });
    h.spend('2026-12-03', 8500);
    expect(await h.syncAlerts(dec)).toEqual([80]);

    const alerts = JSON.parse((await h.cli(dec, 'alerts', '--json')).stdout) as { id: number; threshold: number }[];
    expect(alerts.map((a) => a.threshold)).toEqual([80, 100, 80]);
    expect((await h.cli(dec, 'alerts', 'ack', String(alerts[2]!.id))).code).toBe(0);
    expect(JSON.parse((await h.cli(dec, 'alerts', '--json')).stdout)).toHaveLength(2);
    expect((await h.cli(dec, 'alerts', 'ack', '--all')).code).toBe(0);
    expect(JSON.parse((await h.cli(dec, 'alerts', '--json')).stdout)).toEqual([]);
    expect(JSON.parse((await h.cli(dec, 'alerts', '--all', '--json')).stdout)).toHaveLength(3);
  });

  it('counts refunds back and leaves removed rows out', async () => {
    const h = home();
    await h.cli(T0, 'budget', 'set', 'groceries', '100');
    h.spend('2026-11-02', 6000);
    h.spend('2026-11-03', -1500); // a refund
    const removed = h.spend('2026-11-04', 9000);
    const s = h.db();
    s.prepare('UPDATE transactions SET removed = 1 WHERE id = ?').run(removed);
    s.close();
    expect(JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout)[0]).toMatchObject({ spent: 45, percent: 45 });
  });

  it.each([
    // Late on 30 November in Los Angeles is 1 December in UTC; late on Sunday 29 November
    // there is Monday in UTC.
    ['America/Los_Angeles', '2026-12-01T07:30:00Z', '2026-11-01', '2026-11-30T07:30:00Z', '2026-11-23', '2026-11-29'],
    // Early on 1 December in Tokyo is 30 November in UTC; early on Monday 30 November
    // there is Sunday in UTC.
    ['Asia/Tokyo', '2026-11-30T16:00:00Z', '2026-12-01', '2026-11-29T16:00:00Z', '2026-11-30', '2026-11-29'],
  ])('follows the calendar of %s for months and weeks', async (tz, monthNow, monthStart, weekNow, mondayWeek, sundayWeek) => {
    const h = home();
    const run = (now: string, ...argv: string[]) =>
      runCli(argv, { FINAGG_HOME: h.dir, FINAGG_NOW: now, TZ: tz, FINAGG_KEYSTORE: 'file' });
    await run(monthNow, 'budget', 'set', 'groceries', '100');
    await run(monthNow, 'budget', 'set', 'dining', '50', '--period', 'weekly');
    const start = async (now: string, category: string) =>
      (JSON.parse((await run(now, 'budget', 'list', '--json')).stdout) as { category: string; period_start: string }[]).find(
        (b) => b.category === category,
      )!.period_start;
    expect(await start(monthNow, 'groceries')).toBe(monthStart);
    expect(await start(weekNow, 'dining')).toBe(mondayWeek);
    // A week from Sunday when the person says so.
    expect((await run(weekNow, 'config', 'set', 'week_start', 'sunday')).code).toBe(0);
    expect(await start(weekNow, 'dining')).toBe(sundayWeek);
  });

  it('carries unspent money of a monthly budget into the next month with --rollover', async () => {
    const h = home();
    expect((await h.cli('2026-09-15T12:00:00Z', 'budget', 'set', 'groceries', '100', '--rollover')).code).toBe(0);
    h.spend('2026-09-10', 6000); // 40 left
    h.spend('2026-10-10', 12000); // 100 + 40 - 120 = 20 left
    const nov = JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout)[0];
    expect(nov).toMatchObject({ rollover: true, carried: 20, spent: 0, remaining: 120 });
  });

  it('refuses bad input with one line and exit 2, and changes nothing', async () => {
    const h = home();
    await h.cli(T0, 'budget', 'set', 'groceries', '100');
    const before = JSON.stringify(JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout));
    const cases: [string[], RegExp][] = [
      [['budget', 'set', 'groceries', '0'], /^finagg: invalid <amount> "0": must be more than zero/],
      [['budget', 'set', 'groceries', '-5'], /^finagg: invalid <amount> "-5": must be more than zero/],
      [['budget', 'set', 'groceries', 'ten'], /^finagg: invalid <amount> "ten"/],
      [
        ['budget', 'set', 'groceries', '10', '--period', 'yearly'],
        /^finagg: invalid --period "yearly": must be one of weekly, monthly/,
      ],
      [
        ['budget', 'set', 'groceries', '10', '--alert-at', '0,100'],
        /^finagg: invalid --alert-at "0,100": must be percents from 1 to 1000/,
      ],
      [['budget', 'set', 'groceries', '10', '--alert-at', '80,1001'], /^finagg: invalid --alert-at "80,1001"/],
      [['budget', 'set', 'grocerys', '10'], /^finagg: no category "grocerys"/],
      [['budget', 'set', 'groceries', '10', '--period', 'weekly', '--rollover'], /^finagg: invalid --rollover/],
      [['budget', 'rm', 'dining'], /^finagg: no budget for "dining"/],
      [['alerts', 'ack', '99'], /^finagg: no alert 99/],
      [['alerts', 'ack'], /^finagg: give an alert id or --all/],
    ];
    for (const [argv, message] of cases) {
      const r = await h.cli(T0, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(JSON.stringify(JSON.parse((await h.cli(T0, 'budget', 'list', '--json')).stdout))).toBe(before);
    // With --create a new category is made, and said.
    const created = await h.cli(T0, 'budget', 'set', 'aquarium', '40', '--create');
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('new category "aquarium"');
  });
});

describe('an alert at a webhook', () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it('arrives after a sync, in alerts --json, and at a loopback webhook; ack clears the list', async () => {
    const received: unknown[] = [];
    server = http.createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          received.push(JSON.parse(body));
          res.writeHead(204).end();
        });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=s3cret`;
    const h = home();
    expect((await h.cli(T0, 'config', 'set', 'alerts.webhook', url)).code).toBe(0);
    expect((await h.cli(T0, 'budget', 'set', 'groceries', '50')).code).toBe(0);
    h.spend('2026-11-09', 4500);
    const r = await h.cli(T0, 'sync');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/alert groceries: \$45\.00 of \$50\.00 spent this month \(90%, crossed 80%\)/);
    expect(received).toEqual([expect.objectContaining({ type: 'budget_threshold', category: 'groceries', threshold: 80 })]);
    const open = JSON.parse((await h.cli(T0, 'alerts', '--json')).stdout);
    expect(open).toEqual([expect.objectContaining({ threshold: 80, acknowledged_at: null })]);
    expect(open[0].delivered_at).not.toBeNull();
    // Shown once: the next sync does not repeat it.
    expect((await h.cli(T0, 'sync')).stdout).not.toContain('alert groceries');
    expect((await h.cli(T0, 'alerts', 'ack', '--all')).code).toBe(0);
    expect(JSON.parse((await h.cli(T0, 'alerts', '--json')).stdout)).toEqual([]);
  });

  it('in a fresh home: link, sync, budget set, a later sync raises the alert everywhere', async () => {
    const received: { category: string; threshold: number }[] = [];
    server = http.createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          received.push(JSON.parse(body));
          res.writeHead(200).end('ok');
        });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const dir = freshHome();
    const env = {
      FINAGG_HOME: dir,
      FINAGG_KEYSTORE: 'file',
      FINAGG_SEED: '9',
      FINAGG_SIM_HISTORY_DAYS: '40',
      FINAGG_SIM_DAILY: '6',
    };
    const cli = (now: string, ...argv: string[]) => runCli(argv, { ...env, FINAGG_NOW: now });
    expect((await cli('2026-11-02T09:00:00Z', 'link', 'banka', '--yes')).code).toBe(0);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/finagg`;
    expect((await cli('2026-11-02T09:00:00Z', 'config', 'set', 'alerts.webhook', url)).code).toBe(0);
    expect((await cli('2026-11-02T09:00:00Z', 'budget', 'set', 'groceries', '50')).code).toBe(0);
    const later = await cli('2026-11-20T09:00:00Z', 'sync');
    expect(later.code).toBe(0);
    expect(later.stdout).toMatch(/alert groceries: .*, crossed 80%\)/);
    expect(later.stdout).toMatch(/alert groceries: .*, crossed 100%\)/);
    expect(received.map((a) => [a.category, a.threshold])).toEqual([
      ['groceries', 80],
      ['groceries', 100],
    ]);
    const open = JSON.parse((await cli('2026-11-20T09:00:00Z', 'alerts', '--json')).stdout) as { threshold: number }[];
    expect(open.map((a) => a.threshold).sort()).toEqual([100, 80]);
    expect((await cli('2026-11-20T09:00:00Z', 'alerts', 'ack', '--all')).code).toBe(0);
    expect(JSON.parse((await cli('2026-11-20T09:00:00Z', 'alerts', '--json')).stdout)).toEqual([]);
  });
});
