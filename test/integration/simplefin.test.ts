import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimpleFinServer, startSimpleFinServer } from '../../src/devtools/simplefin-server';
import Database from 'better-sqlite3';
import https from 'node:https';
import { parseMoney } from '../../src/core/money';
import { type CliResult, freshHome, spawnCliAsync } from '../helpers/cli';

/**
 * finagg against a local SimpleFIN server over real HTTPS, its test CA trusted through
 * Node's own NODE_EXTRA_CA_CERTS, the CLI spawned as a person would run it.
 */

const NOW = Date.parse('2026-11-23T12:00:00Z');
let server: SimpleFinServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  options: { historyDays?: number; maxRangeDays?: number; v1Only?: boolean; refusesVersion?: boolean; nowMs?: number } = {},
) {
  const { nowMs = NOW, ...serverOptions } = options;
  server = await startSimpleFinServer({
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-sfin-')),
    now: () => nowMs,
    ...serverOptions,
  });
  const env = {
    FINAGG_HOME: freshHome(),
    FINAGG_NOW: new Date(nowMs).toISOString(),
    FINAGG_KEYSTORE: 'file',
    NODE_EXTRA_CA_CERTS: server.caPath,
    FINAGG_SIMPLEFIN_TIMEOUT_MS: '1000',
  };
  const cli = (argv: string[], stdin = ''): Promise<CliResult> => spawnCliAsync(argv, env, stdin);
  const json = async (argv: string[]) => {
    const r = await cli([...argv, '--json']);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  return { server, env, cli, json };
}

/**
 * The Bridge's own opening balance of each account (its `extra`, the local server's), by
 * account name: read with a token of its own, over the server's CA, as a checker would.
 */
async function bridgeOpenings(sfin: SimpleFinServer): Promise<Map<string, string>> {
  const ca = fs.readFileSync(sfin.caPath);
  const fetchText = (url: URL, method: string, auth?: string) =>
    new Promise<string>((resolve, reject) => {
      const req = https.request(url, { method, ca, headers: auth ? { authorization: auth } : {} }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
  const access = new URL(await fetchText(new URL(Buffer.from(sfin.newSetupToken(), 'base64').toString()), 'POST'));
  const auth = `Basic ${Buffer.from(`${access.username}:${access.password}`).toString('base64')}`;
  const set = JSON.parse(await fetchText(new URL(`${sfin.rootUrl}/accounts?balances-only=1`), 'GET', auth)) as {
    accounts: { name: string; extra: { 'opening-balance': string } }[];
  };
  return new Map(set.accounts.map((a) => [a.name, a.extra['opening-balance']]));
}

type Tx = { id: number; account_id: number; amount: number; merchant: string | null; description: string; pending: boolean };
type Run = {
  status: string;
  inserted: number;
  updated: number;
  removed: number;
  fetched: number;
  rejected: number;
  error: string | null;
  note: string | null;
};

describe('finagg link simplefin', () => {
  it('claims a token from stdin, reads the accounts with their currencies, syncs all history once, then adds nothing', async () => {
    const { server, cli, json, env } = await setup();
    const link = await cli(['link', 'simplefin', '--token-stdin', '--json'], server.newSetupToken() + '\n');
    expect(link.code, link.stderr).toBe(0);
    const body = JSON.parse(link.stdout);
    expect(body.connection).toMatchObject({ provider: 'simplefin', status: 'active', requests_per_day: 24 });
    const accounts: { name: string; type: string; currency: string; balance: number; available_balance: number | null }[] =
      body.accounts;
    expect(accounts).toHaveLength(5);
    expect(new Set(accounts.map((a) => a.currency))).toEqual(new Set(['USD', 'CAD', 'PTS']));
    expect(accounts.some((a) => a.type === 'credit' && a.balance < 0)).toBe(true);
    const checking = accounts.find((a) => a.type === 'checking' && a.currency === 'USD')!;
    expect(checking.available_balance).not.toBeNull();
    expect(checking.available_balance!).toBeLessThan(checking.balance);
    // The first sync read back until the Bridge had nothing older, and said how far.
    const runs: Run[] = body.runs;
    expect(runs.every((r) => r.status === 'success')).toBe(true);
    expect(runs.every((r) => /history from 2026-06-2\d: as far back as SimpleFIN Bridge gives/.test(r.note ?? ''))).toBe(true);
    expect(runs.reduce((n, r) => n + r.inserted, 0)).toBeGreaterThan(300);
    // One request while linking, one per 90-day window (two with data, one empty).
    expect(server.requestCount()).toBe(4);
    const [connection] = await json(['connections']);
    expect(connection).toMatchObject({ requests_today: 4, requests_left_today: 20 });

    const again = await json(['sync']);
    expect(again.runs.every((r: Run) => r.status === 'success' && r.inserted === 0 && r.updated === 0)).toBe(true);
    expect(again.runs.reduce((n: number, r: Run) => n + r.fetched, 0)).toBeGreaterThan(0);
    expect(server.requestCount()).toBe(5);

    // Ids repeat across accounts at the Bridge; each account keeps its own rows.
    const db = new Database(path.join(env.FINAGG_HOME, 'finagg.db'), { readonly: true });
    const shared = db
      .prepare('SELECT provider_txn_id FROM transactions GROUP BY provider_txn_id HAVING count(DISTINCT account_id) > 1')
      .all();
    expect(shared.length).toBeGreaterThan(10);
    // The numbers add up: each balance is the Bridge's opening balance plus every posted row stored.
    const stored = db
      .prepare(
        `SELECT a.name, a.currency, a.balance_cents AS balance,
                coalesce(sum(CASE WHEN t.pending = 0 AND t.removed = 0 THEN t.amount_cents END), 0) AS posted
           FROM accounts a LEFT JOIN transactions t ON t.account_id = a.id GROUP BY a.id`,
      )
      .all() as { name: string; currency: string; balance: number; posted: number }[];
    db.close();
    const openings = await bridgeOpenings(server);
    expect(stored).toHaveLength(openings.size);
    for (const a of stored) {
      const opening = [...openings].find(([name]) => a.name.endsWith(name))?.[1];
      expect([a.name, a.balance - a.posted]).toEqual([a.name, parseMoney(opening!, { currency: a.currency })]);
    }
    const table = (await cli(['accounts'])).stdout;
    expect(table).toMatch(/AVAILABLE/);
    expect(table).toMatch(/Net worth \(PTS\)/);
  });

  it('turns a pending charge that posts under a new id with a tip into one posted row', async () => {
    const { server, cli, json } = await setup();
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const before: Tx[] = await json(['tx', '--search', 'corner bistro']);
    expect(before).toEqual([expect.objectContaining({ amount: -42, pending: true, merchant: 'Corner Bistro' })]);
    server.postPending();
    const sync = await json(['sync']);
    expect(sync.runs.reduce((n: number, r: Run) => n + r.updated, 0)).toBe(1);
    const after: Tx[] = await json(['tx', '--search', 'corner bistro']);
    expect(after).toEqual([expect.objectContaining({ id: before[0]!.id, amount: -50.4, pending: false })]);
  });

  it('takes a posting the Bridge dates later in the day than the sync runs (a morning sync, a posting stamped at noon)', async () => {
    const { server, cli, json } = await setup({ historyDays: 30, nowMs: Date.parse('2026-11-23T08:15:00Z') });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const [pending]: Tx[] = await json(['tx', '--search', 'corner bistro']);
    server.postPending();
    await json(['sync']);
    expect(await json(['tx', '--search', 'corner bistro'])).toEqual([
      expect.objectContaining({ id: pending!.id, amount: -50.4, pending: false }),
    ]);
  });

  it('keeps one row when the Bridge lists a charge pending beside its posting, or posts it without a payee', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const [pending]: Tx[] = await json(['tx', '--search', 'corner bistro']);
    // A lagging Bridge: the posting arrives while the pending record is still listed.
    server.postPending({ keepPending: true, noPayee: true });
    await json(['sync']);
    const both: Tx[] = await json(['tx', '--search', 'corner bistro']);
    expect(both.map((t) => [t.amount, t.pending]).sort()).toEqual([
      [-42, true],
      [-50.4, false],
    ]);
    // Once the Bridge stops listing the pending record, its row goes: one row, the posted one.
    server.withdrawPending();
    const sync = await json(['sync']);
    expect(sync.runs.reduce((n: number, r: Run) => n + r.removed, 0)).toBe(1);
    const after: Tx[] = await json(['tx', '--search', 'corner bistro']);
    expect(after).toEqual([expect.objectContaining({ amount: -50.4, pending: false })]);
    expect(after[0]!.id).not.toBe(pending!.id);
    const audit = await json(['audit', '--tx', String(pending!.id)]);
    expect(audit).toEqual([
      expect.objectContaining({ field: 'removed', reason: expect.stringMatching(/no longer listed by the bank/) }),
    ]);
  });

  it('carries a person’s edits of a pending charge to its posting when the Bridge stops listing the pending one', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const [pending]: Tx[] = await json(['tx', '--search', 'corner bistro']);
    expect((await cli(['tx', 'edit', String(pending!.id), '--category', 'shopping', '--note', 'dinner with Sam'])).code).toBe(0);
    server.postPending({ keepPending: true });
    await json(['sync']);
    server.withdrawPending();
    await json(['sync']);
    const [posted, ...others]: (Tx & { category: string; note: string | null })[] = await json([
      'tx',
      '--search',
      'corner bistro',
    ]);
    expect(others).toEqual([]);
    expect(posted).toMatchObject({ amount: -50.4, pending: false, category: 'shopping', note: 'dinner with Sam' });
    const audit = await json(['audit', '--tx', String(posted!.id)]);
    expect(audit.map((a: { field: string; reason: string }) => `${a.field}: ${a.reason}`)).toEqual(
      expect.arrayContaining([
        `category: your edit of pending transaction ${pending!.id}, carried to its posting`,
        `note: your edit of pending transaction ${pending!.id}, carried to its posting`,
      ]),
    );
  });

  it('settles a posting without a payee whose description differs from the pending one', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const [pending]: Tx[] = await json(['tx', '--search', 'corner bistro']);
    server.postPending({ noPayee: true });
    await json(['sync']);
    expect(await json(['tx', '--search', 'corner bistro'])).toEqual([
      expect.objectContaining({ id: pending!.id, amount: -50.4, pending: false }),
    ]);
  });

  it('drops a pending charge the Bridge withdraws', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    expect(await json(['tx', '--pending'])).toHaveLength(1);
    server.withdrawPending();
    const sync = await json(['sync']);
    expect(sync.runs.reduce((n: number, r: Run) => n + r.removed, 0)).toBe(1);
    expect(await json(['tx', '--pending'])).toEqual([]);
  });

  it('refuses a sync over the day’s request budget without asking the Bridge, and says when the next is allowed', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin', '--no-sync'], server.newSetupToken())).code).toBe(0);
    let left = 24;
    for (let syncs = 0; left > 0 && syncs < 30; syncs++) {
      await json(['sync']);
      [{ requests_left_today: left }] = await json(['connections']);
    }
    const used = server.requestCount();
    expect(used).toBe(24);
    const refused = await json(['sync']);
    expect(refused.runs.length).toBeGreaterThan(0);
    for (const run of refused.runs) {
      expect(run.status).toBe('skipped');
      expect(run.error).toBeNull();
      expect(run.note).toMatch(
        /allows 24 requests a day and today's are used; the next sync is allowed after 2026-11-24 00:00 UTC \(in 12h\)/,
      );
    }
    expect(server.requestCount()).toBe(used);
  });

  it('marks the connection needs_relink when the Bridge refuses the access, and a new token repairs it', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    server.revokeAll();
    const sync = await cli(['sync', '--json']);
    expect(sync.code).toBe(1);
    const [connection] = await json(['connections']);
    expect(connection.status).toBe('needs_relink');
    expect(connection.last_error).toMatch(/make a new setup token and run finagg link simplefin/);
    const table = (await cli(['connections'])).stdout;
    expect(table).toMatch(/needs_relink/);
    const relink = await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken());
    expect(relink.code, relink.stderr).toBe(0);
    expect(relink.stdout).toMatch(/Relinked simplefin/);
    expect((await json(['connections']))[0].status).toBe('active');
  });

  it('refuses bad tokens before any request, and a claimed one with the advice to disable it', async () => {
    const { server, cli } = await setup({ historyDays: 30 });
    const notBase64 = await cli(['link', 'simplefin', '--token-stdin'], 'not a token!');
    expect(notBase64.code).toBe(2);
    expect(notBase64.stderr).toMatch(/^finagg: setup token: not base64 \(got \d+ characters\)/);
    const http = await cli(['link', 'simplefin', '--token-stdin'], Buffer.from('http://127.0.0.1:1/claim/x').toString('base64'));
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/its URL is not https/);
    const argv = await cli(['link', 'simplefin', server.newSetupToken()]);
    expect(argv.code).toBe(2);
    expect(server.requests()).toEqual([]);

    const token = server.newSetupToken();
    expect((await cli(['link', 'simplefin', '--token-stdin', '--no-sync'], token)).code).toBe(0);
    expect((await cli(['unlink', 'simplefin', '--purge'])).code).toBe(0);
    const reused = await cli(['link', 'simplefin', '--token-stdin', '--no-sync'], token);
    expect(reused.code).toBe(1);
    expect(reused.stderr).toMatch(/refused the setup token: it is wrong or was claimed already \(.*disable it at/);
  });

  it('reports a lapsed subscription, retries a failing Bridge, and gives up on one too slow', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    server.setPaymentRequired(true);
    const lapsed = await cli(['sync', '--json']);
    expect(lapsed.code).toBe(1);
    expect(JSON.parse(lapsed.stdout).runs[0].error).toMatch(/subscription has lapsed/);
    server.setPaymentRequired(false);

    server.failNext(2, 503);
    const flaky = await json(['sync']);
    expect(flaky.runs.every((r: Run) => r.status === 'success')).toBe(true);

    server.setSlow(3000);
    const slow = await cli(['sync', '--json']);
    expect(slow.code).toBe(1);
    expect(JSON.parse(slow.stdout).runs[0].error).toMatch(/did not answer \(tried 4 times\)/);
  });

  it('shows the Bridge’s errlist and errors sanitized, keeps a malformed record aside and stores the rest', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const before: Tx[] = await json(['tx', '--limit', '100000']);
    server.addError({ code: 'con.auth', msg: 'Authentication required for \u001b[31mFirst Example Bank\u001b[0m\u0007' });
    server.addMalformedTransaction();
    const sync = await json(['sync']);
    expect(sync.runs.reduce((n: number, r: Run) => n + r.rejected, 0)).toBe(1);
    expect(sync.runs.some((r: Run) => r.status === 'partial')).toBe(true);
    // The rest is stored as it was; the quarantined record is fetched again next time.
    expect(await json(['tx', '--limit', '100000'])).toHaveLength(before.length);
    const [connection] = await json(['connections']);
    expect(connection.notice).toBe('Authentication required for First Example Bank');
    const log = (await cli(['sync-log'])).stdout;
    expect(log).toMatch(/Authentication required for First Example Bank/);
    expect(log).not.toMatch(/\u001b|\u0007/);
  });

  it('asks once per window for all accounts, names accounts only when a sync is limited, and resolves a custom currency once', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const accounts = await json(['accounts']);
    await json(['sync']);
    await json(['sync', '--account', String(accounts[0].id)]);
    const gets = server.requests().filter((r) => r.path === '/simplefin/accounts');
    // link (balances), the first sync's two windows, a sync, a sync of one account.
    expect(gets).toHaveLength(5);
    for (const r of gets.slice(0, 4)) expect(r.query).not.toMatch(/(^|&)account=/);
    expect(gets[4]!.query.match(/(^|&)account=/g)).toHaveLength(1);
    for (const r of gets.slice(1)) {
      const q = new URLSearchParams(r.query);
      expect(q.get('pending')).toBe('1');
      const start = Number(q.get('start-date'));
      const end = Number(q.get('end-date'));
      expect(end - start).toBeLessThanOrEqual(90 * 86_400);
      expect(end).toBeGreaterThan(start);
    }
    expect(server.requests().filter((r) => r.path === '/currency/maple-points')).toHaveLength(1);
  });

  it('takes the Bridge’s cap of a date range as a notice, not an error, and reads the window again next time', async () => {
    const { server, cli, json } = await setup({ historyDays: 120, maxRangeDays: 60 });
    const link = await cli(['link', 'simplefin', '--token-stdin', '--json'], server.newSetupToken());
    expect(link.code, link.stderr).toBe(0);
    const runs: Run[] = JSON.parse(link.stdout).runs;
    expect(runs.every((r) => r.status === 'partial' && r.error === null)).toBe(true);
    expect(runs[0]!.note).toMatch(/SimpleFIN Bridge cut a request short; the next sync reads it again/);
  });

  it('marks an account the Bridge could not read fully as partial, and keeps the other accounts whole', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken())).code).toBe(0);
    const [first] = await json(['accounts']);
    // The Bridge's id of account 1, as finagg asked for it.
    await json(['sync', '--account', String(first.id)]);
    const bankId = new URLSearchParams(server.requests().at(-1)!.query).get('account')!;
    server.addError({ code: 'act.missingdata', msg: 'Incomplete transaction listing. Try again later.', account_id: bankId });
    server.addError({ code: 'gen.', msg: 'Something about the Bridge' });
    const sync = await json(['sync']);
    const [mine, ...others] = sync.runs as (Run & { account_id: number })[];
    expect(mine).toMatchObject({ account_id: first.id, status: 'partial', error: null });
    expect(mine!.note).toBe('Something about the Bridge; Incomplete transaction listing. Try again later.');
    expect(others.every((r) => r.status === 'success' && r.note === 'Something about the Bridge')).toBe(true);
    const [connection] = await json(['connections']);
    expect(connection.notice).toBe('Something about the Bridge; Incomplete transaction listing. Try again later.');
  });

  it('lets the daemon sync a SimpleFIN connection at most every two hours', async () => {
    const { server, cli, env } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin', '--no-sync'], server.newSetupToken())).code).toBe(0);
    const first = await cli(['daemon', '--once']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/5 accounts synced/);
    const used = server.requestCount();
    const second = await cli(['daemon', '--once']);
    expect(second.stdout).toMatch(/simplefin skipped \(spacing its requests to the daily budget\)/);
    expect(server.requestCount()).toBe(used);
    const later = await spawnCliAsync(['daemon', '--once'], { ...env, FINAGG_NOW: new Date(NOW + 2 * 3600_000).toISOString() });
    expect(later.stdout).toMatch(/5 accounts synced/);
    expect(server.requestCount()).toBe(used + 1);
  });

  it('works with a server of protocol 1 (org, errors strings) as with one of protocol 2', async () => {
    const { server, cli, json } = await setup({ historyDays: 30, v1Only: true });
    const link = await cli(['link', 'simplefin', '--token-stdin', '--json'], server.newSetupToken());
    expect(link.code, link.stderr).toBe(0);
    const body = JSON.parse(link.stdout);
    expect(body.accounts.map((a: { name: string }) => a.name)).toContain('First Example Bank Everyday Checking');
    expect(new Set(body.accounts.map((a: { currency: string }) => a.currency))).toEqual(new Set(['USD', 'CAD', 'PTS']));
    expect(body.runs.every((r: Run) => r.status === 'success' && r.inserted > 0 === r.fetched > 0)).toBe(true);
    server.addError({ code: 'con.auth', msg: 'You must reauthenticate.' });
    await json(['sync']);
    expect((await json(['connections']))[0].notice).toBe('You must reauthenticate.');
  });

  it('asks again without the version parameter when a strict server of protocol 1 refuses it, and then no more', async () => {
    const { server, cli, json } = await setup({ historyDays: 30, v1Only: true, refusesVersion: true });
    const link = await cli(['link', 'simplefin', '--token-stdin'], server.newSetupToken());
    expect(link.code, link.stderr).toBe(0);
    await json(['sync']);
    const gets = server.requests().filter((r) => r.path === '/simplefin/accounts');
    // Each process learns it once: the link's first request, and the sync's first.
    expect(gets.filter((r) => /(^|&)version=/.test(r.query))).toHaveLength(2);
    expect(gets.length).toBe(2 + 1 + 2 + 1);
    expect((await json(['connections']))[0]).toMatchObject({ status: 'active', requests_today: gets.length });
  });

  it('refuses a server whose certificate does not verify, before any request reaches it', async () => {
    const { server, env } = await setup({ historyDays: 30 });
    const untrusting = { ...env, NODE_EXTRA_CA_CERTS: undefined };
    const r = await spawnCliAsync(['link', 'simplefin', '--token-stdin'], untrusting, server.newSetupToken());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^finagg: SimpleFIN Bridge: 127\.0\.0\.1:\d+: its certificate is not trusted \([A-Z_]+\) \(finagg talks only to servers whose certificate verifies/,
    );
    expect(server.requests()).toEqual([]);
    const connections = await spawnCliAsync(['connections', '--json'], untrusting);
    expect(JSON.parse(connections.stdout)).toEqual([]);
  });
});
