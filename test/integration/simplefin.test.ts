import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimpleFinServer, startSimpleFinServer } from '../../src/devtools/simplefin-server';
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

async function setup(options: { historyDays?: number } = {}) {
  server = await startSimpleFinServer({
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-sfin-')),
    now: () => NOW,
    ...options,
  });
  const env = {
    FINAGG_HOME: freshHome(),
    FINAGG_NOW: new Date(NOW).toISOString(),
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

type Tx = { id: number; account_id: number; amount: number; merchant: string | null; description: string; pending: boolean };
type Run = {
  status: string;
  inserted: number;
  updated: number;
  fetched: number;
  rejected: number;
  error: string | null;
  note: string | null;
};

describe('finagg link simplefin', () => {
  it('claims a token from stdin, reads the accounts with their currencies, syncs all history once, then adds nothing', async () => {
    const { server, cli, json } = await setup();
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
    const txs: Tx[] = await json(['tx', '--limit', '100000']);
    const keys = txs.map((t) => `${t.account_id}:${t.description}:${t.amount}`);
    expect(txs.length).toBeGreaterThan(300);
    expect(new Set(keys).size).toBeGreaterThan(txs.length * 0.5);
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

  it('refuses a sync over the day’s request budget without asking the Bridge, and says when the next is allowed', async () => {
    const { server, cli, json } = await setup({ historyDays: 30 });
    expect((await cli(['link', 'simplefin', '--token-stdin', '--no-sync'], server.newSetupToken())).code).toBe(0);
    let left = 24;
    while (left > 0) {
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
    const accounts = await json(['accounts']);
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
    expect(accounts.length).toBeGreaterThan(0);
  });
});
