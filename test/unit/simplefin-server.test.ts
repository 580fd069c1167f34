import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimpleFinServer, type SimpleFinServer, type SimpleFinServerOptions } from '../../src/devtools/simplefin-server';
import * as z from '../../src/validation/zod';

// A fixed afternoon: rows post at noon UTC, so "today" has a posting time already past.
const NOW = Date.UTC(2025, 2, 15, 15, 30, 0);
const NOW_S = NOW / 1000;
const DAY_S = 86_400;

// ---- the wire shapes, checked strictly: v2 has no `org`, v1 no `conn_id` ----
const transactionSchema = z.strictObject({
  id: z.string(),
  posted: z.number(),
  amount: z.string(),
  description: z.string(),
  payee: z.optional(z.string()),
  memo: z.optional(z.string()),
  transacted_at: z.optional(z.number()),
  pending: z.optional(z.literal(true)),
});
const accountFields = {
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  balance: z.string(),
  'available-balance': z.optional(z.string()),
  'balance-date': z.number(),
  transactions: z.optional(z.array(transactionSchema)),
  extra: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
};
const errorEntrySchema = z.strictObject({
  code: z.string(),
  msg: z.string(),
  conn_id: z.optional(z.string()),
  account_id: z.optional(z.string()),
});
const v2Schema = z.strictObject({
  errlist: z.array(errorEntrySchema),
  errors: z.optional(z.array(z.string())),
  connections: z.array(
    z.strictObject({ conn_id: z.string(), name: z.string(), org_id: z.string(), org_url: z.string(), sfin_url: z.string() }),
  ),
  accounts: z.array(z.strictObject({ ...accountFields, conn_id: z.string() })),
});
const v1Schema = z.strictObject({
  errors: z.array(z.string()),
  accounts: z.array(
    z.strictObject({ ...accountFields, org: z.strictObject({ domain: z.string(), name: z.string(), 'sfin-url': z.string() }) }),
  ),
});
type V2 = z.infer<typeof v2Schema>;
type V2Account = V2['accounts'][number];

// ---- a test-only HTTPS client that trusts the server's CA through the `ca` option ----
interface Reply {
  status: number;
  text: string;
}
interface Access {
  origin: string;
  user: string;
  password: string;
}

function send(
  url: string,
  options: { ca?: string; method?: string; auth?: Access; body?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.auth) {
      headers.authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
    }
    const req = httpsRequest(url, {
      method: options.method ?? 'GET',
      headers,
      agent: false,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    if (options.timeoutMs !== undefined) req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const started: SimpleFinServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(
  options: Partial<SimpleFinServerOptions> = {},
): Promise<{ server: SimpleFinServer; ca: string; dir: string }> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-sfin-'));
  dirs.push(parent);
  // A dir that does not exist yet: the server must create it 0700.
  const dir = path.join(parent, 'server');
  const server = await startSimpleFinServer({ dir, now: () => NOW, ...options });
  started.push(server);
  return { server, ca: fs.readFileSync(server.caPath, 'utf8'), dir };
}

async function claim(server: SimpleFinServer, ca: string): Promise<Access> {
  const claimUrl = Buffer.from(server.newSetupToken(), 'base64').toString('utf8');
  const reply = await send(claimUrl, { ca, method: 'POST' });
  expect(reply.status).toBe(200);
  const url = new URL(reply.text);
  return { origin: `${url.origin}${url.pathname}`, user: url.username, password: url.password };
}

function accountsUrl(access: Access, query: string): string {
  return `${access.origin}/accounts${query === '' ? '' : `?${query}`}`;
}

async function accountsV2(access: Access, ca: string, query: string): Promise<V2> {
  const reply = await send(accountsUrl(access, query), { ca, auth: access });
  expect(reply.status).toBe(200);
  return v2Schema.parse(JSON.parse(reply.text));
}

function byName(set: V2, pattern: RegExp): V2Account {
  const account = set.accounts.find((candidate) => pattern.test(candidate.name));
  if (!account) throw new Error(`no account named like ${pattern}`);
  return account;
}

// Exact decimal to minor units; deliberately not "delete the dot".
function minor(amount: string, decimals: number): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new Error(`not a decimal: ${amount}`);
  const [, sign, whole = '', fraction = ''] = match;
  expect(fraction.length).toBeLessThanOrEqual(decimals);
  const value = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  return sign === '-' ? -value : value;
}

const window = (start: number, end: number): string => `start-date=${start}&end-date=${end}`;
// Every row of a 150-day history, in two windows of 90 days (the cap) ending tomorrow.
async function everything(access: Access, ca: string, extra = ''): Promise<Map<string, V2Account['transactions']>> {
  const end = NOW_S + DAY_S;
  const recent = await accountsV2(access, ca, window(end - 90 * DAY_S, end) + extra);
  const older = await accountsV2(access, ca, window(end - 180 * DAY_S, end - 90 * DAY_S) + extra);
  expect(recent.errlist).toEqual([]);
  return new Map(
    recent.accounts.map((account) => [
      account.id,
      [...(older.accounts.find((candidate) => candidate.id === account.id)?.transactions ?? []), ...(account.transactions ?? [])],
    ]),
  );
}

describe('the SimpleFIN test server: setup and access', () => {
  it('serves over HTTPS with a fresh test CA, a leaf for 127.0.0.1, ::1 and localhost, and a 0600 key', async () => {
    const { server, ca, dir } = await start();
    expect(server.rootUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/simplefin$/);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'server-key.pem')).mode & 0o777).toBe(0o600);
    const leaf = new X509Certificate(fs.readFileSync(path.join(dir, 'server-cert.pem')));
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(leaf.subjectAltName).toMatch(/IP Address:(::1|0:0:0:0:0:0:0:1)/);
    expect(leaf.subjectAltName).toContain('DNS:localhost');
    expect(leaf.verify(new X509Certificate(ca).publicKey)).toBe(true);
    // Without the CA a client refuses the server: trust comes only from NODE_EXTRA_CA_CERTS / ca.
    await expect(send(`${server.rootUrl}/info`)).rejects.toThrow(/certificate/i);
    expect(JSON.parse((await send(`${server.rootUrl}/info`, { ca })).text)).toEqual({ versions: ['1', '2'] });
  });

  it('claims a setup token once: 200 with an access URL, then 403; an unknown code is 403', async () => {
    const { server, ca } = await start();
    const token = server.newSetupToken();
    const claimUrl = Buffer.from(token, 'base64').toString('utf8');
    expect(claimUrl).toMatch(new RegExp(`^${server.rootUrl.replace(/\./g, '\\.')}/claim/[A-Za-z0-9]+$`));
    const first = await send(claimUrl, { ca, method: 'POST' });
    expect(first.status).toBe(200);
    const port = new URL(server.rootUrl).port;
    expect(first.text).toMatch(new RegExp(`^https://[A-Za-z0-9]{24,}:[A-Za-z0-9]{24,}@127\\.0\\.0\\.1:${port}/simplefin$`));
    const again = await send(claimUrl, { ca, method: 'POST' });
    expect(again.status).toBe(403);
    expect(again.text.length).toBeLessThan(40);
    expect((await send(`${server.rootUrl}/claim/nosuchcode`, { ca, method: 'POST' })).status).toBe(403);
    // /create hands a person a fresh token that claims like any other.
    const page = await send(`${server.rootUrl}/create`, { ca });
    const pageToken = /^([A-Za-z0-9+/=]{40,})$/m.exec(page.text)?.[1] ?? '';
    expect((await send(Buffer.from(pageToken, 'base64').toString('utf8'), { ca, method: 'POST' })).status).toBe(200);
  });

  it('answers /accounts only with the access URL credentials: missing, wrong or revoked is 403', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    expect((await send(accountsUrl(access, ''), { ca })).status).toBe(403);
    expect((await send(accountsUrl(access, ''), { ca, auth: { ...access, password: `${access.password}x` } })).status).toBe(403);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(200);
    server.revokeAll();
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(403);
    const fresh = await claim(server, ca);
    expect((await send(accountsUrl(fresh, ''), { ca, auth: fresh })).status).toBe(200);
  });

  it('never keeps credentials in its request log, nor an unclaimed code', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    await send(accountsUrl(access, 'balances-only=1'), { ca, auth: access });
    await send(accountsUrl(access, ''), { ca });
    const log = JSON.stringify(server.requests());
    expect(log).not.toContain(access.password);
    expect(log).not.toContain(access.user);
    expect(log).not.toMatch(/authorization|basic /i);
    expect(server.requests().map((entry) => [entry.path, entry.query, entry.authorized])).toEqual([
      ['/simplefin/claim/:code', '', true],
      ['/simplefin/accounts', 'balances-only=1', true],
      ['/simplefin/accounts', '', false],
    ]);
  });
});

describe('the SimpleFIN test server: failures a client must survive', () => {
  it('answers 402 while payment is required, and the given status for the next failNext requests', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    server.setPaymentRequired(true);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(402);
    server.setPaymentRequired(false);
    server.failNext(2);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(500);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(500);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(200);
    server.failNext(1, 503);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(503);
  });

  it('carries added errors in errlist and errors (v2) and errors (v1) until cleared', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    server.addError({ code: 'con.auth', msg: 'Authentication failed for First Example Bank', conn_id: 'CON-x' });
    const v2 = await accountsV2(access, ca, 'balances-only=1');
    expect(v2.errlist).toEqual([{ code: 'con.auth', msg: 'Authentication failed for First Example Bank', conn_id: 'CON-x' }]);
    expect(v2.errors).toEqual(['Authentication failed for First Example Bank']);
    const v1 = v1Schema.parse(
      JSON.parse((await send(accountsUrl(access, 'balances-only=1&version=1'), { ca, auth: access })).text),
    );
    expect(v1.errors).toEqual(['Authentication failed for First Example Bank']);
    server.clearErrors();
    const clean = await accountsV2(access, ca, 'balances-only=1');
    expect(clean.errlist).toEqual([]);
    expect(clean.errors).toBeUndefined();
  });

  it('delays answers when slow, so a client timeout fires, and still closes at once', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    server.setSlow(300);
    const began = Date.now();
    expect((await send(accountsUrl(access, 'balances-only=1'), { ca, auth: access })).status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    await expect(send(accountsUrl(access, 'balances-only=1'), { ca, auth: access, timeoutMs: 100 })).rejects.toThrow(
      'client timeout',
    );
    server.setSlow(60_000);
    const hanging = send(accountsUrl(access, 'balances-only=1'), { ca, auth: access });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = Date.now();
    await server.close();
    expect(Date.now() - closing).toBeLessThan(1_000);
    await expect(hanging).rejects.toThrow();
  });

  it('offers the state controls on POST /admin/<action> for manual trials', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const origin = new URL(server.rootUrl).origin;
    const admin = (action: string, body = ''): Promise<Reply> => send(`${origin}/admin/${action}`, { ca, method: 'POST', body });
    expect(await admin('payment-required', 'on')).toEqual({ status: 200, text: '{"ok":true,"paymentRequired":true}\n' });
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(402);
    await admin('payment-required', 'off');
    expect((await admin('fail-next', '1')).status).toBe(200);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(500);
    expect((await admin('error', '{"code":"act.failed","msg":"Try later","account_id":"ACT-1"}')).status).toBe(200);
    expect((await accountsV2(access, ca, 'balances-only=1')).errlist).toEqual([
      { code: 'act.failed', msg: 'Try later', account_id: 'ACT-1' },
    ]);
    expect((await admin('error', '{"msg":1}')).status).toBe(400);
    expect((await admin('clear-errors')).status).toBe(200);
    expect(JSON.parse((await admin('post-pending')).text)).toMatchObject({ ok: true, pendingId: expect.any(String) });
    expect((await admin('post-pending')).status).toBe(409);
    expect((await admin('nonsense')).status).toBe(404);
    expect((await send(`${origin}/admin/revoke`, { ca })).status).toBe(405);
    expect((await admin('revoke')).status).toBe(200);
    expect((await send(accountsUrl(access, ''), { ca, auth: access })).status).toBe(403);
  });
});

describe('the SimpleFIN test server: GET /accounts', () => {
  it('answers v2 by default and v1 on version=1; defaultVersion picks the unversioned shape', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const v2 = await accountsV2(access, ca, 'balances-only=1');
    expect(v2.connections.map((connection) => connection.name)).toEqual(['First Example Bank', 'Maple Credit Union']);
    expect(
      v2.connections.every((connection) => connection.conn_id.startsWith('CON-') && connection.sfin_url === server.rootUrl),
    ).toBe(true);
    expect(new Set(v2.accounts.map((account) => account.conn_id))).toEqual(new Set(v2.connections.map((c) => c.conn_id)));
    const v1Reply = await send(accountsUrl(access, 'balances-only=1&version=1'), { ca, auth: access });
    const v1 = v1Schema.parse(JSON.parse(v1Reply.text));
    expect(v1.accounts.map((account) => account.id)).toEqual(v2.accounts.map((account) => account.id));
    expect(v1.accounts[0]?.org).toEqual({
      domain: 'firstexamplebank.example',
      name: 'First Example Bank',
      'sfin-url': server.rootUrl,
    });

    const old = await start({ defaultVersion: 1 });
    const oldAccess = await claim(old.server, old.ca);
    const unversioned = await send(accountsUrl(oldAccess, 'balances-only=1'), { ca: old.ca, auth: oldAccess });
    expect(v1Schema.safeParse(JSON.parse(unversioned.text)).success).toBe(true);
    expect((await send(accountsUrl(oldAccess, 'balances-only=1&version=3'), { ca: old.ca, auth: oldAccess })).status).toBe(400);
  });

  it('holds the household: USD checking, savings and card, CAD chequing and a custom-currency rewards account', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const set = await accountsV2(access, ca, 'balances-only=1');
    expect(set.accounts).toHaveLength(5);
    expect(set.accounts.every((account) => /^ACT-[0-9a-f-]+$/.test(account.id) && account['balance-date'] === NOW_S)).toBe(true);
    const checking = byName(set, /Checking/);
    const savings = byName(set, /Savings/);
    const card = byName(set, /Credit Card|Visa/);
    expect([checking.currency, savings.currency, card.currency]).toEqual(['USD', 'USD', 'USD']);
    expect(minor(checking['available-balance'] ?? '', 2)).toBe(minor(checking.balance, 2) - 4_200);
    expect(savings['available-balance']).toBeUndefined();
    expect(minor(card.balance, 2)).toBeLessThan(0);
    expect(byName(set, /Chequing/).currency).toBe('CAD');

    // The rewards currency is a URL on this server, described without auth.
    const rewards = byName(set, /Rewards$/);
    expect(rewards.currency).toBe(`${new URL(server.rootUrl).origin}/currency/maple-points`);
    const currency = await send(rewards.currency, { ca });
    expect(JSON.parse(currency.text)).toEqual({ name: 'Maple Rewards Points', abbr: 'PTS' });
  });

  it('caps a range over 90 days to its most recent 90 days, with the gen.api notice, as a 200', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const end = NOW_S;
    const capped = await accountsV2(access, ca, window(end - 150 * DAY_S, end));
    const notice = { code: 'gen.api', msg: 'Requested date range exceeds limit of 90 days and was capped.' };
    expect(capped.errlist).toEqual([notice]);
    expect(capped.errors).toEqual([notice.msg]);
    const posted = capped.accounts.flatMap((account) => (account.transactions ?? []).map((row) => row.posted));
    expect(Math.min(...posted)).toBeGreaterThanOrEqual(end - 90 * DAY_S);
    expect(Math.min(...posted)).toBeLessThan(end - 88 * DAY_S);
    expect((await accountsV2(access, ca, window(end - 90 * DAY_S, end))).errlist).toEqual([]);
  });

  it('without a start-date returns only the last 30 days and says a start-date is needed for more', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const set = await accountsV2(access, ca, '');
    expect(set.errlist).toHaveLength(1);
    expect(set.errlist[0]?.code).toBe('gen.api');
    expect(set.errlist[0]?.msg).toMatch(/start-date/);
    const posted = set.accounts.flatMap((account) => (account.transactions ?? []).map((row) => row.posted));
    expect(Math.min(...posted)).toBeGreaterThanOrEqual(NOW_S - 30 * DAY_S);
    expect(Math.max(...posted)).toBeLessThan(NOW_S);
  });

  it('includes start-date and excludes end-date, on posted', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const noon = Date.UTC(2025, 2, 10, 12) / 1000;
    const onDay = await accountsV2(access, ca, window(noon, noon + DAY_S));
    const rows = onDay.accounts.flatMap((account) => account.transactions ?? []);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((row) => row.posted === noon)).toBe(true);
    const before = await accountsV2(access, ca, window(noon - DAY_S, noon));
    expect(before.accounts.flatMap((account) => account.transactions ?? []).every((row) => row.posted === noon - DAY_S)).toBe(
      true,
    );
  });

  it('sends the one planted pending charge only with pending=1, dated by transacted_at', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const range = window(NOW_S - 10 * DAY_S, NOW_S + DAY_S);
    const without = await accountsV2(access, ca, range);
    expect(without.accounts.flatMap((account) => account.transactions ?? []).some((row) => row.pending)).toBe(false);
    const withPending = await accountsV2(access, ca, `${range}&pending=1`);
    const pending = withPending.accounts.flatMap((account) => (account.transactions ?? []).filter((row) => row.pending));
    expect(pending).toHaveLength(1);
    const [charge] = pending;
    expect(charge).toMatchObject({ posted: 0, amount: '-42.00', payee: 'Corner Bistro', description: 'TST* CORNER BISTRO' });
    expect(charge?.transacted_at).toBeGreaterThanOrEqual(NOW_S - 2 * DAY_S);
    expect(charge?.transacted_at).toBeLessThanOrEqual(NOW_S - DAY_S);
    expect(byName(withPending, /Checking/).transactions?.some((row) => row.pending)).toBe(true);
    // A window that ends before transacted_at leaves it out.
    const earlier = await accountsV2(access, ca, `${window(NOW_S - 10 * DAY_S, NOW_S - 3 * DAY_S)}&pending=1`);
    expect(earlier.accounts.flatMap((account) => account.transactions ?? []).some((row) => row.pending)).toBe(false);
  });

  it('filters by repeated account= and leaves out transactions with balances-only=1', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const all = await accountsV2(access, ca, 'balances-only=1');
    expect(all.accounts.every((account) => account.transactions === undefined)).toBe(true);
    const savings = byName(all, /Savings/);
    const chequing = byName(all, /Chequing/);
    const two = await accountsV2(access, ca, `account=${savings.id}&account=${chequing.id}&${window(NOW_S - 30 * DAY_S, NOW_S)}`);
    expect(two.accounts.map((account) => account.id)).toEqual([savings.id, chequing.id]);
    expect(two.connections).toHaveLength(2);
    expect(two.accounts.every((account) => Array.isArray(account.transactions))).toBe(true);
    const one = await accountsV2(access, ca, `account=${savings.id}&balances-only=1`);
    expect(one.accounts.map((account) => account.id)).toEqual([savings.id]);
    expect(one.connections.map((connection) => connection.name)).toEqual(['First Example Bank']);
  });

  it('reuses transaction ids across accounts but never within one', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const rows = await everything(access, ca, '&pending=1');
    const set = await accountsV2(access, ca, 'balances-only=1');
    const checkingIds = (rows.get(byName(set, /Checking/).id) ?? []).map((row) => row.id);
    const chequingIds = (rows.get(byName(set, /Chequing/).id) ?? []).map((row) => row.id);
    expect(checkingIds).toContain('TRN-0001');
    expect(chequingIds).toContain('TRN-0001');
    for (const list of rows.values()) {
      const ids = (list ?? []).map((row) => row.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('has bank-style rows whose amounts add up: balance = opening + posted rows, for every account', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const set = await accountsV2(access, ca, 'balances-only=1');
    const rows = await everything(access, ca);
    const all = [...rows.values()].flatMap((list) => list ?? []);
    for (const account of set.accounts) {
      const decimals = account.currency.length === 3 ? 2 : 0;
      const opening = minor(String(account.extra?.['opening-balance']), decimals);
      const sum = (rows.get(account.id) ?? []).reduce((total, row) => total + minor(row.amount, decimals), 0);
      expect(minor(account.balance, decimals), account.name).toBe(opening + sum);
    }
    // No row older than the history, and 1-4 rows a day in the spending accounts.
    expect(Math.min(...all.map((row) => row.posted))).toBeGreaterThanOrEqual(NOW_S - 150 * DAY_S);
    for (const pattern of [/Checking/, /Credit Card/, /Chequing/]) {
      const perDay = (rows.get(byName(set, pattern).id) ?? []).length / 150;
      expect(perDay).toBeGreaterThanOrEqual(1);
      expect(perDay).toBeLessThanOrEqual(4);
    }
    // Amounts come in every shape a client must parse: "-12.34", "-2400", "-3.5".
    expect(all.some((row) => /^-?\d+\.\d\d$/.test(row.amount))).toBe(true);
    expect(all.some((row) => /^-?\d+$/.test(row.amount) && row.amount.length > 3)).toBe(true);
    expect(all.some((row) => /^-?\d+\.\d$/.test(row.amount))).toBe(true);
    expect(all.filter((row) => row.payee !== undefined).length / all.length).toBeGreaterThan(0.5);
    expect(all.some((row) => row.payee === undefined)).toBe(true);
    expect(all.some((row) => row.memo !== undefined)).toBe(true);
    expect(all).toContainEqual(
      expect.objectContaining({ description: "POS DEBIT TRADER JOE'S #552 SAN FRANCISCO CA", payee: "Trader Joe's" }),
    );
    expect(all.every((row) => row.posted % DAY_S === DAY_S / 2)).toBe(true);
  });

  it('posts the pending charge under a new id with a 20% tip, and the checking balance follows', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const range = `${window(NOW_S - 10 * DAY_S, NOW_S + DAY_S)}&pending=1`;
    const before = byName(await accountsV2(access, ca, range), /Checking/);
    const { pendingId, postedId } = server.postPending();
    expect(before.transactions?.find((row) => row.pending)?.id).toBe(pendingId);
    const after = byName(await accountsV2(access, ca, range), /Checking/);
    expect(postedId).not.toBe(pendingId);
    expect(after.transactions?.some((row) => row.id === pendingId)).toBe(false);
    expect(after.transactions?.filter((row) => row.pending)).toHaveLength(0);
    const posted = after.transactions?.find((row) => row.id === postedId);
    expect(posted).toMatchObject({ amount: '-50.40', payee: 'Corner Bistro', posted: Date.UTC(2025, 2, 15, 12) / 1000 });
    expect(posted?.description).not.toBe('TST* CORNER BISTRO');
    expect(posted?.transacted_at).toBe(before.transactions?.find((row) => row.pending)?.transacted_at);
    expect(minor(after.balance, 2)).toBe(minor(before.balance, 2) - 5_040);
    expect(after['available-balance']).toBe(after.balance);
    expect(() => server.postPending()).toThrow(/already posted/);
  });

  it('adds rows on request: a plain one (same id allowed in another account) and a malformed one kept out of the balance', async () => {
    const { server, ca } = await start();
    const access = await claim(server, ca);
    const set = await accountsV2(access, ca, 'balances-only=1');
    const checking = byName(set, /Checking/);
    const savings = byName(set, /Savings/);
    const id = server.addTransaction(savings.id, { amount: '25', description: 'MOBILE DEPOSIT', postedMs: NOW - 3_600_000 });
    expect(id).toMatch(/^TRN-\d+$/);
    expect(server.addTransaction(checking.id, { id: 'TRN-9001', amount: '-1.5', description: 'X', payee: 'Y' })).toBe('TRN-9001');
    expect(server.addTransaction(savings.id, { id: 'TRN-9001', amount: '1', description: 'Z' })).toBe('TRN-9001');
    expect(() => server.addTransaction(checking.id, { id: 'TRN-9001', amount: '-1', description: 'again' })).toThrow(
      /already has/,
    );
    expect(() => server.addTransaction(checking.id, { amount: '-1.234', description: 'too precise' })).toThrow();
    const malformedId = server.addMalformedTransaction();
    const after = await accountsV2(access, ca, window(NOW_S - 5 * DAY_S, NOW_S + DAY_S));
    expect(minor(byName(after, /Savings/).balance, 2)).toBe(minor(savings.balance, 2) + 2_600);
    expect(byName(after, /Savings/).transactions?.find((row) => row.id === id)?.amount).toBe('25');
    const afterChecking = byName(after, /Checking/);
    expect(afterChecking.transactions?.find((row) => row.id === malformedId)?.amount).toBe('-4.125');
    expect(minor(afterChecking.balance, 2)).toBe(minor(checking.balance, 2) - 150);
  });

  it('counts /accounts requests per access URL per UTC day and notes, without refusing, those past the limit', async () => {
    let now = NOW;
    const { server, ca } = await start({ now: () => now, dailyLimit: 2 });
    const a = await claim(server, ca);
    const b = await claim(server, ca);
    const limitNotice = { code: 'gen.api', msg: 'Daily request limit exceeded' };
    expect((await accountsV2(a, ca, 'balances-only=1')).errlist).toEqual([]);
    server.setPaymentRequired(true);
    expect((await send(accountsUrl(a, 'balances-only=1'), { ca, auth: a })).status).toBe(402); // refused, still counted
    server.setPaymentRequired(false);
    expect((await send(accountsUrl(a, ''), { ca })).status).toBe(403); // not authenticated: not counted
    expect((await accountsV2(a, ca, 'balances-only=1')).errlist).toEqual([limitNotice]);
    expect((await accountsV2(b, ca, 'balances-only=1')).errlist).toEqual([]);
    expect(server.requestCount()).toBe(4);
    now += DAY_S * 1000;
    expect(server.requestCount()).toBe(0);
    expect((await accountsV2(a, ca, 'balances-only=1')).errlist).toEqual([]);
    expect(server.requestCount()).toBe(1);
  });

  it('makes the same household from the same seed, and another from another seed', async () => {
    const ids = async (seed: number): Promise<string[]> => {
      const { server, ca } = await start({ seed });
      const access = await claim(server, ca);
      const set = await accountsV2(access, ca, window(NOW_S - 20 * DAY_S, NOW_S));
      return set.accounts.flatMap((account) => [
        account.id,
        account.balance,
        ...(account.transactions ?? []).map((row) => row.amount),
      ]);
    };
    const first = await ids(7);
    expect(await ids(7)).toEqual(first);
    expect(await ids(8)).not.toEqual(first);
  });
});
