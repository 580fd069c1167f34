import { generateKeyPairSync, sign, type KeyObject, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startEnableBankingServer,
  type EnableBankingServer,
  type EnableBankingServerOptions,
} from '../../src/devtools/enablebanking-server';
import * as z from '../../src/validation/zod';

// A fixed afternoon in Berlin (UTC+1 in March): "today" at the bank is 2025-03-15.
const NOW = Date.UTC(2025, 2, 15, 15, 30, 0);
const DAY = 86_400_000;
const TODAY = '2025-03-15';
const YESTERDAY = '2025-03-14';
const SCENE_DAY = '2025-03-13';
const REDIRECT = 'http://localhost:8765/enablebanking';

// ---- the wire shapes, checked strictly ----
const amountSchema = z.strictObject({ currency: z.literal('EUR'), amount: z.string().check(z.regex(/^-?\d+\.\d{2}$/)) });
const partySchema = z.nullable(z.strictObject({ name: z.string() }));
const partyAccountSchema = z.nullable(z.strictObject({ iban: z.string() }));
const transactionSchema = z.strictObject({
  entry_reference: z.optional(z.nullable(z.string())),
  transaction_id: z.null(),
  transaction_amount: amountSchema,
  credit_debit_indicator: z.enum(['CRDT', 'DBIT']),
  status: z.enum(['BOOK', 'PDNG']),
  booking_date: z.optional(z.string()),
  value_date: z.optional(z.string()),
  transaction_date: z.optional(z.string()),
  creditor: partySchema,
  creditor_account: partyAccountSchema,
  debtor: partySchema,
  debtor_account: partyAccountSchema,
  remittance_information: z.array(z.string()),
  merchant_category_code: z.optional(z.string()),
  bank_transaction_code: z.optional(z.strictObject({ description: z.string() })),
  balance_after_transaction: z.optional(amountSchema),
});
type Txn = z.infer<typeof transactionSchema>;
const pageSchema = z.strictObject({ transactions: z.array(transactionSchema), continuation_key: z.nullable(z.string()) });
// A page with malformed records, read without the transaction schema.
const loosePageSchema = z.object({ transactions: z.array(z.record(z.string(), z.unknown())) });
const balancesSchema = z.strictObject({
  balances: z.array(
    z.strictObject({
      name: z.string(),
      balance_amount: amountSchema,
      balance_type: z.enum(['CLBD', 'ITAV']),
      reference_date: z.string(),
      last_change_date_time: z.string(),
      last_committed_transaction: z.nullable(z.string()),
    }),
  ),
});
const errorSchema = z.strictObject({ message: z.string(), code: z.number(), error: z.string(), detail: z.unknown() });
const aspspSchema = z.strictObject({
  name: z.string(),
  country: z.string(),
  logo: z.string(),
  psu_types: z.array(z.enum(['personal', 'business'])),
  auth_methods: z.array(z.record(z.string(), z.unknown())),
  maximum_consent_validity: z.number(),
  beta: z.boolean(),
  bic: z.optional(z.string()),
});
const aspspsSchema = z.strictObject({ aspsps: z.array(aspspSchema) });
const authSchema = z.strictObject({ url: z.string(), authorization_id: z.string(), psu_id_hash: z.string() });
const accessSchema = z.strictObject({ valid_until: z.string(), balances: z.boolean(), transactions: z.boolean() });
const accountSchema = z.strictObject({
  uid: z.string(),
  account_id: z.strictObject({ iban: z.string() }),
  all_account_ids: z.array(z.strictObject({ identification: z.string(), scheme_name: z.string() })),
  account_servicer: z.strictObject({ bic_fi: z.string(), name: z.string() }),
  name: z.string(),
  details: z.string(),
  product: z.string(),
  cash_account_type: z.enum(['CACC', 'SVGS']),
  currency: z.literal('EUR'),
  identification_hash: z.string(),
  identification_hashes: z.array(z.string()),
  usage: z.string(),
  psu_status: z.string(),
});
const sessionCreatedSchema = z.strictObject({
  session_id: z.string(),
  accounts: z.array(accountSchema),
  aspsp: z.strictObject({ name: z.string(), country: z.string() }),
  psu_type: z.string(),
  access: accessSchema,
});
const sessionSchema = z.strictObject({
  status: z.enum(['AUTHORIZED', 'EXPIRED', 'REVOKED', 'CLOSED']),
  accounts: z.array(z.string()),
  accounts_data: z.array(z.strictObject({ uid: z.string(), identification_hash: z.string() })),
  aspsp: z.strictObject({ name: z.string(), country: z.string() }),
  psu_type: z.string(),
  psu_id_hash: z.string(),
  access: accessSchema,
  created: z.string(),
  authorized: z.string(),
  closed: z.nullable(z.string()),
});
const adminSchema = z.looseObject({ ok: z.boolean() });

// ---- a test-only HTTPS client that trusts the server's CA through the `ca` option ----
interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(
  url: string,
  options: { ca: string; method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, {
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      agent: false,
      ca: options.ca,
    });
    if (options.timeoutMs !== undefined) req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

// ---- JWTs signed here with node:crypto, as an application would ----
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(
  key: KeyObject,
  kid: string,
  nowMs: number,
  overrides: { header?: Record<string, unknown>; claims?: Record<string, unknown> } = {},
): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid, ...overrides.header };
  const claims = { iss: 'enablebanking.com', aud: 'api.enablebanking.com', iat, exp: iat + 3600, ...overrides.claims };
  const signed = `${b64(header)}.${b64(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

// ---- the server under test, with a clock the test moves ----
interface ApiReply {
  status: number;
  json: unknown;
}

interface Ctx {
  server: EnableBankingServer;
  ca: string;
  dir: string;
  key: KeyObject;
  clock: { now: number };
  /** An API call with a fresh valid JWT unless `token` is given (null: no Authorization header). */
  api(path: string, options?: { method?: string; body?: unknown; token?: string | null }): Promise<ApiReply>;
  /** An API call that must answer 200 with `schema`'s shape. */
  get<T>(path: string, schema: z.ZodMiniType<T>, options?: { method?: string; body?: unknown }): Promise<T>;
  /** An API call that must answer an ErrorResponse: [status, error code]. */
  refusal(path: string, options?: { method?: string; body?: unknown; token?: string | null }): Promise<[number, string]>;
}

const started: EnableBankingServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function errorOf(reply: ApiReply): z.infer<typeof errorSchema> {
  const parsed = errorSchema.parse(reply.json);
  expect(parsed.code).toBe(reply.status);
  return parsed;
}

async function start(options: Partial<EnableBankingServerOptions> = {}, key?: KeyObject): Promise<Ctx> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-eb-'));
  dirs.push(parent);
  // A dir that does not exist yet: the server must create it 0700.
  const dir = path.join(parent, 'server');
  const clock = { now: NOW };
  const server = await startEnableBankingServer({ dir, now: () => clock.now, ...options });
  started.push(server);
  const ca = fs.readFileSync(server.caPath, 'utf8');
  const appKey = key ?? createPrivateKey(fs.readFileSync(server.keyPath ?? '', 'utf8'));
  const api: Ctx['api'] = async (apiPath, callOptions = {}) => {
    const token = callOptions.token === undefined ? jwt(appKey, server.appId, clock.now) : callOptions.token;
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
    const reply = await send(`${server.apiUrl}${apiPath}`, {
      ca,
      method: callOptions.method ?? (callOptions.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(callOptions.body === undefined ? {} : { body: JSON.stringify(callOptions.body) }),
    });
    expect(reply.headers['content-type']).toBe('application/json');
    return { status: reply.status, json: JSON.parse(reply.text) };
  };
  const get: Ctx['get'] = async (apiPath, schema, callOptions) => {
    const reply = await api(apiPath, callOptions);
    if (reply.status !== 200) throw new Error(`${apiPath}: ${reply.status} ${JSON.stringify(reply.json)}`);
    return schema.parse(reply.json);
  };
  const refusal: Ctx['refusal'] = async (apiPath, callOptions) => {
    const reply = await api(apiPath, callOptions);
    return [reply.status, errorOf(reply).error];
  };
  return { server, ca, dir, key: appKey, clock, api, get, refusal };
}

function authBody(ctx: Ctx, overrides: Record<string, unknown> = {}, validDays = 90): Record<string, unknown> {
  return {
    access: { valid_until: new Date(ctx.clock.now + validDays * DAY).toISOString().replace('Z', '+00:00') },
    aspsp: { name: 'Finagg Testbank', country: 'DE' },
    state: 'state-1234',
    redirect_url: REDIRECT,
    psu_type: 'personal',
    ...overrides,
  };
}

function decide(ctx: Ctx, consentUrl: string, decision: string): Promise<Reply> {
  return send(consentUrl, {
    ca: ctx.ca,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `decision=${decision}`,
  });
}

/** POST /auth, then the decision on the bank's page: the URL the browser comes back to. */
async function consent(ctx: Ctx, decision: 'approve' | 'decline', body = authBody(ctx)): Promise<URL> {
  const auth = await ctx.get('/auth', authSchema, { body });
  expect((await send(auth.url, { ca: ctx.ca })).status).toBe(200);
  const decided = await decide(ctx, auth.url, decision);
  expect(decided.status).toBe(302);
  return new URL(String(decided.headers.location));
}

type SessionCreated = z.infer<typeof sessionCreatedSchema>;

async function link(ctx: Ctx, validDays = 90): Promise<SessionCreated & { giro: string; tagesgeld: string }> {
  const back = await consent(ctx, 'approve', authBody(ctx, {}, validDays));
  const session = await ctx.get('/sessions', sessionCreatedSchema, { body: { code: back.searchParams.get('code') } });
  const uid = (type: string): string => session.accounts.find((account) => account.cash_account_type === type)?.uid ?? '';
  return { ...session, giro: uid('CACC'), tagesgeld: uid('SVGS') };
}

/** Every page of one listing, following continuation keys. */
async function listing(ctx: Ctx, uid: string, query = 'strategy=longest'): Promise<{ rows: Txn[]; pages: Txn[][] }> {
  const pages: Txn[][] = [];
  let key: string | null = null;
  do {
    const suffix: string = key === null ? '' : `&continuation_key=${encodeURIComponent(key)}`;
    const page: z.infer<typeof pageSchema> = await ctx.get(`/accounts/${uid}/transactions?${query}${suffix}`, pageSchema);
    pages.push(page.transactions);
    key = page.continuation_key;
    expect(pages.length).toBeLessThan(200);
  } while (key !== null);
  return { rows: pages.flat(), pages };
}

async function balances(ctx: Ctx, uid: string): Promise<{ CLBD: number; ITAV: number }> {
  const reply = await ctx.get(`/accounts/${uid}/balances`, balancesSchema);
  const find = (type: string): number =>
    cents(reply.balances.find((balance) => balance.balance_type === type)?.balance_amount.amount);
  return { CLBD: find('CLBD'), ITAV: find('ITAV') };
}

// Exact decimal to cents; deliberately not "delete the dot".
function cents(amount: string | undefined): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount ?? '');
  if (!match) throw new Error(`not an amount: ${amount}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

const signed = (row: Txn | undefined): number =>
  (row?.credit_debit_indicator === 'DBIT' ? -1 : 1) * cents(row?.transaction_amount.amount);
const booked = (rows: Txn[]): Txn[] => rows.filter((row) => row.status === 'BOOK');
const pendingOf = (rows: Txn[]): Txn[] => rows.filter((row) => row.status === 'PDNG');
const firstLine = (row: Txn): string => row.remittance_information[0] ?? '';

describe('the Enable Banking test server: the application and its JWTs', () => {
  it('makes an application whose private key is written 0600 as <app id>.pem, and accepts its JWTs', async () => {
    const ctx = await start();
    expect(ctx.server.appId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ctx.server.keyPath).toBe(path.join(ctx.dir, `${ctx.server.appId}.pem`));
    expect(fs.statSync(ctx.server.keyPath ?? '').mode & 0o777).toBe(0o600);
    expect(fs.statSync(ctx.dir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(ctx.server.keyPath ?? '', 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(ctx.server.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await ctx.api('/aspsps?country=DE')).status).toBe(200);
    // Trust comes only from the CA: without it the client refuses the server.
    await expect(
      new Promise((resolve, reject) => {
        httpsRequest(`${ctx.server.apiUrl}/aspsps`, { agent: false }).on('response', resolve).on('error', reject).end();
      }),
    ).rejects.toThrow(/certificate/i);
  });

  it('refuses with 401 UNAUTHORIZED_ACCESS a missing header, a bad signature, an unknown kid and a bad lifetime', async () => {
    const ctx = await start();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const now = ctx.clock.now;
    const iat = Math.floor(now / 1000);
    const cases: [string | null, RegExp][] = [
      [null, /no Authorization/],
      ['not-a-jwt', /Bearer/],
      [jwt(other, ctx.server.appId, now), /signature/],
      [jwt(ctx.key, '00000000-0000-4000-8000-000000000000', now), /kid/],
      [jwt(ctx.key, ctx.server.appId, now, { claims: { exp: iat + 86_401 } }), /lifetime/],
      [jwt(ctx.key, ctx.server.appId, now, { claims: { iat: iat - 7200, exp: iat - 1 } }), /expired/],
      [jwt(ctx.key, ctx.server.appId, now, { claims: { iat: iat + 300, exp: iat + 600 } }), /future/],
      [jwt(ctx.key, ctx.server.appId, now, { claims: { aud: 'api.example.com' } }), /aud/],
      [jwt(ctx.key, ctx.server.appId, now, { claims: { iss: 'someone' } }), /iss/],
      [jwt(ctx.key, ctx.server.appId, now, { header: { alg: 'HS256' } }), /RS256/],
    ];
    for (const [token, message] of cases) {
      const reply = await ctx.api('/aspsps', { token });
      expect(reply.status).toBe(401);
      const error = errorOf(reply);
      expect(error.error).toBe('UNAUTHORIZED_ACCESS');
      expect(error.message).toMatch(message);
    }
    // The longest lifetime and a clock a little ahead are fine.
    const longest = jwt(ctx.key, ctx.server.appId, now, { claims: { exp: iat + 86_400 } });
    expect((await ctx.api('/aspsps', { token: longest })).status).toBe(200);
    expect((await ctx.api('/aspsps', { token: jwt(ctx.key, ctx.server.appId, now + 30_000) })).status).toBe(200);
  });

  it('takes an application of ones own instead, and then writes no key', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const appId = '2b7e6c61-0d3e-4a55-9a1b-6f0c3d2e1a90';
    const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ctx = await start({ application: { appId, publicKeyPem } }, pair.privateKey);
    expect(ctx.server.appId).toBe(appId);
    expect(ctx.server.keyPath).toBeUndefined();
    const pems = fs.readdirSync(ctx.dir).filter((name) => name.endsWith('.pem'));
    expect(pems.sort()).toEqual(['ca.pem', 'server-cert.pem', 'server-key.pem']);
    expect((await ctx.api('/aspsps')).status).toBe(200);
  });
});

describe('the Enable Banking test server: banks and consent', () => {
  it('lists banks filtered by country and psu_type, the sandbox bank with 180 days of consent', async () => {
    const ctx = await start();
    const de = (await ctx.get('/aspsps?country=DE', aspspsSchema)).aspsps;
    expect(de.length).toBeGreaterThanOrEqual(10);
    expect(de.every((aspsp) => aspsp.country === 'DE')).toBe(true);
    expect(de.find((aspsp) => aspsp.name === 'Finagg Testbank')).toMatchObject({
      maximum_consent_validity: 180 * 86_400,
      psu_types: ['personal'],
    });
    expect(new Set(de.map((aspsp) => aspsp.maximum_consent_validity)).size).toBeGreaterThan(1);
    const all = (await ctx.get('/aspsps', aspspsSchema)).aspsps;
    expect(new Set(all.map((aspsp) => aspsp.country))).toEqual(new Set(['DE', 'FI', 'SE', 'NL', 'FR']));
    const business = (await ctx.get('/aspsps?country=DE&psu_type=business', aspspsSchema)).aspsps;
    expect(business.length).toBeGreaterThan(0);
    expect(business.every((aspsp) => aspsp.psu_types.includes('business') && aspsp.country === 'DE')).toBe(true);
    expect(business.map((aspsp) => aspsp.name)).not.toContain('Finagg Testbank');
    expect((await ctx.get('/aspsps?country=fi', aspspsSchema)).aspsps.map((aspsp) => aspsp.country)).toEqual(['FI', 'FI']);
    expect(await ctx.refusal('/aspsps?psu_type=robot')).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
    expect((await send(de[0]?.logo ?? '', { ca: ctx.ca })).status).toBe(200);
  });

  it('refuses /auth for a redirect URL not registered, a consent longer than the bank gives and an unknown bank', async () => {
    const ctx = await start({ redirectUrls: ['https://example.org/back'] });
    expect(ctx.server.redirectUrls).toEqual([REDIRECT, 'https://example.org/back']);
    const refused = (body: Record<string, unknown>): Promise<[number, string]> => ctx.refusal('/auth', { body });
    expect(await refused(authBody(ctx, { redirect_url: 'http://localhost:9999/elsewhere' }))).toEqual([
      422,
      'REDIRECT_URI_NOT_ALLOWED',
    ]);
    expect(await refused(authBody(ctx, {}, 181))).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
    expect(await refused(authBody(ctx, {}, -1))).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
    expect(await refused(authBody(ctx, { access: { valid_until: 'tomorrow' } }))).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
    expect(await refused(authBody(ctx, { aspsp: { name: 'Nobank', country: 'DE' } }))).toEqual([422, 'WRONG_ASPSP_PROVIDED']);
    expect(await refused(authBody(ctx, { aspsp: { name: 'Commerzbank', country: 'DE' } }))).toEqual([
      422,
      'WRONG_ASPSP_PROVIDED',
    ]);
    expect(await refused(authBody(ctx, { state: undefined }))).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
    // Exactly the longest consent, and another registered URL, are fine.
    expect((await ctx.api('/auth', { body: authBody(ctx, {}, 180) })).status).toBe(200);
    expect((await ctx.api('/auth', { body: authBody(ctx, { redirect_url: 'https://example.org/back' }) })).status).toBe(200);
  });

  it('shows a consent page at the bank; approval redirects with state and a code that works once', async () => {
    const ctx = await start();
    const auth = await ctx.get('/auth', authSchema, { body: authBody(ctx) });
    expect(auth.url).toBe(`${ctx.server.apiUrl}/consent/${auth.authorization_id}`);
    const page = await send(auth.url, { ca: ctx.ca });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Finagg Testbank');
    expect(page.text).toContain(new Date(NOW + 90 * DAY).toISOString().slice(0, 10));
    expect(page.text).toMatch(/value="approve">Approve/);
    expect(page.text).toMatch(/value="decline">Decline/);
    expect((await decide(ctx, auth.url, 'maybe')).status).toBe(400);
    const decided = await decide(ctx, auth.url, 'approve');
    expect(decided.status).toBe(302);
    const back = new URL(String(decided.headers.location));
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-1234');
    const code = back.searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThanOrEqual(20);
    // The page takes one decision.
    expect((await send(auth.url, { ca: ctx.ca })).status).toBe(410);
    expect((await decide(ctx, auth.url, 'decline')).status).toBe(410);

    const first = await ctx.get('/sessions', sessionCreatedSchema, { body: { code } });
    expect(first).toMatchObject({ aspsp: { name: 'Finagg Testbank', country: 'DE' }, psu_type: 'personal' });
    expect(first.access.valid_until).toBe(new Date(NOW + 90 * DAY).toISOString().replace('Z', '+00:00'));
    expect(await ctx.refusal('/sessions', { body: { code } })).toEqual([422, 'ALREADY_AUTHORIZED']);
    expect(await ctx.refusal('/sessions', { body: { code: 'made-up' } })).toEqual([422, 'WRONG_AUTHORIZATION_CODE']);
    expect(await ctx.refusal('/sessions', { body: {} })).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
  });

  it('sends a decline back as error=access_denied, and lets a code expire after ten minutes', async () => {
    const ctx = await start();
    const declined = await consent(ctx, 'decline');
    expect(declined.searchParams.get('state')).toBe('state-1234');
    expect(declined.searchParams.get('error')).toBe('access_denied');
    expect(declined.searchParams.get('error_description')).toMatch(/declined/);
    expect(declined.searchParams.has('code')).toBe(false);

    const approved = await consent(ctx, 'approve');
    ctx.clock.now += 10 * 60_000 + 1_000;
    const code = approved.searchParams.get('code');
    expect(await ctx.refusal('/sessions', { body: { code } })).toEqual([422, 'EXPIRED_AUTHORIZATION_CODE']);
  });
});

describe('the Enable Banking test server: accounts, balances and transactions', () => {
  it('gives each session fresh account uids over stable identification hashes and IBANs', async () => {
    const ctx = await start();
    const one = await link(ctx);
    const two = await link(ctx);
    expect(one.accounts.map((account) => [account.cash_account_type, account.details])).toEqual([
      ['CACC', 'Girokonto'],
      ['SVGS', 'Tagesgeld'],
    ]);
    for (const account of one.accounts) {
      expect(account.account_id.iban).toMatch(/^DE\d{20}$/);
      expect(account).toMatchObject({ currency: 'EUR', name: 'Lena Berg' });
    }
    const hashes = (session: SessionCreated): string[] => session.accounts.map((account) => account.identification_hash);
    expect(hashes(two)).toEqual(hashes(one));
    expect(two.accounts.map((account) => account.account_id.iban)).toEqual(
      one.accounts.map((account) => account.account_id.iban),
    );
    expect(new Set([...one.accounts, ...two.accounts].map((account) => account.uid)).size).toBe(4);
    const status = await ctx.get(`/sessions/${one.session_id}`, sessionSchema);
    expect(status).toMatchObject({ status: 'AUTHORIZED', accounts: [one.giro, one.tagesgeld], closed: null });
    expect(ctx.server.sessionIds()).toEqual([one.session_id, two.session_id]);
    expect(await ctx.refusal('/sessions/nope')).toEqual([404, 'SESSION_DOES_NOT_EXIST']);
    expect(await ctx.refusal('/accounts/nope/balances')).toEqual([404, 'ACCOUNT_DOES_NOT_EXIST']);
    expect(await ctx.get(`/accounts/${one.giro}/details`, accountSchema)).toEqual(one.accounts[0]);
  });

  it('serves the Girokonto from the simulated world with the planted rows, and balances that add up', async () => {
    const ctx = await start();
    const session = await link(ctx);
    const { rows } = await listing(ctx, session.giro);
    const bookedRows = booked(rows);
    expect(bookedRows.length).toBeGreaterThan(30);
    // 120 days of history and nothing after today.
    const dates = bookedRows.map((row) => row.booking_date ?? '');
    expect(dates.every((date) => date >= '2024-11-16' && date <= TODAY)).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    // The household's Berlin life: rent in, Hausgeld and the standing order out, card purchases with MCCs.
    const rent = rows.find((row) => /MIETEINNAHME/.test(firstLine(row)));
    expect(rent).toMatchObject({ credit_debit_indicator: 'CRDT', debtor: { name: expect.any(String) }, creditor: null });
    expect(rows.some((row) => /AUF TAGESGELD/.test(firstLine(row)) && row.creditor_account?.iban)).toBe(true);
    const cards = rows.filter((row) => row.bank_transaction_code?.description === 'Kartenzahlung');
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.every((row) => /^\d{4}$/.test(row.merchant_category_code ?? '') && row.creditor?.name)).toBe(true);
    for (const row of bookedRows) {
      expect(row.value_date).toBe(row.booking_date);
      expect((row.transaction_date ?? '') <= (row.booking_date ?? '')).toBe(true);
      expect(row.transaction_amount.amount).toMatch(/^\d+\.\d{2}$/);
    }

    // References: unique where present; the two identical coffees of the scene day have none.
    const references = rows.map((row) => row.entry_reference).filter((reference) => typeof reference === 'string');
    expect(new Set(references).size).toBe(references.length);
    const coffees = bookedRows.filter((row) => row.booking_date === SCENE_DAY && !('entry_reference' in row));
    expect(coffees).toHaveLength(2);
    // Identical but for the running balance, as a bank lists two equal purchases.
    expect({ ...coffees[0], balance_after_transaction: null }).toEqual({ ...coffees[1], balance_after_transaction: null });
    const sceneWithReferences = bookedRows.filter(
      (row) => row.booking_date === SCENE_DAY && typeof row.entry_reference === 'string',
    );
    expect(sceneWithReferences.length).toBeGreaterThanOrEqual(3);

    // The planted pending restaurant charge.
    const pending = pendingOf(rows);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      entry_reference: ctx.server.plantedPendingReference(),
      transaction_date: YESTERDAY,
      creditor: { name: 'Trattoria da Mario' },
      merchant_category_code: '5812',
      transaction_amount: { currency: 'EUR', amount: '48.60' },
      credit_debit_indicator: 'DBIT',
    });
    expect(pending[0]).not.toHaveProperty('booking_date');
    expect(pending[0]).not.toHaveProperty('balance_after_transaction');

    // balance_after_transaction runs through the booked rows and ends at CLBD; ITAV counts the pending charge.
    const { CLBD, ITAV } = await balances(ctx, session.giro);
    const after = (row: Txn | undefined): number => cents(row?.balance_after_transaction?.amount);
    for (let i = 1; i < bookedRows.length; i++)
      expect(after(bookedRows[i])).toBe(after(bookedRows[i - 1]) + signed(bookedRows[i]));
    expect(after(bookedRows.at(-1))).toBe(CLBD);
    expect(ITAV).toBe(CLBD - 4_860);
  });

  it('serves the Tagesgeld: the standing order in from the Girokonto, interest without references, no pending', async () => {
    const ctx = await start();
    const session = await link(ctx);
    const { rows } = await listing(ctx, session.tagesgeld);
    expect(pendingOf(rows)).toEqual([]);
    expect(rows.some((row) => /VON GIROKONTO/.test(firstLine(row)) && row.credit_debit_indicator === 'CRDT')).toBe(true);
    const interest = rows.filter((row) => /ZINSGUTSCHRIFT/.test(firstLine(row)));
    expect(interest.length).toBeGreaterThanOrEqual(3);
    expect(interest.every((row) => row.entry_reference === null && row.debtor?.name === 'Finagg Testbank')).toBe(true);
    const { CLBD, ITAV } = await balances(ctx, session.tagesgeld);
    expect(ITAV).toBe(CLBD);
    expect(CLBD).toBeGreaterThan(0);
  });

  it('pages with continuation keys: every row exactly once, an empty page between booked and pending, keys bound to their listing', async () => {
    const whole = await start();
    const small = await start({ pageSize: 7 });
    const wholeSession = await link(whole);
    const smallSession = await link(small);
    const expected = await listing(whole, wholeSession.giro, 'date_from=2024-12-01');
    expect(expected.pages).toHaveLength(3);
    expect(expected.pages[1]).toEqual([]);
    const paged = await listing(small, smallSession.giro, 'date_from=2024-12-01');
    expect(paged.pages.length).toBeGreaterThan(4);
    // Full pages of booked rows, the last booked page, the empty page, the pending page.
    expect(paged.pages.slice(0, -3).every((page) => page.length === 7)).toBe(true);
    expect(paged.pages.at(-2)).toEqual([]);
    expect(paged.rows).toEqual(expected.rows);
    expect(booked(paged.rows).every((row) => (row.booking_date ?? '') >= '2024-12-01')).toBe(true);

    const giroUrl = `/accounts/${smallSession.giro}/transactions`;
    const first = await small.get(`${giroUrl}?date_from=2024-12-01`, pageSchema);
    const key = encodeURIComponent(first.continuation_key ?? '');
    const wrong: [number, string] = [422, 'WRONG_CONTINUATION_KEY'];
    expect(await small.refusal(`${giroUrl}?date_from=2024-12-02&continuation_key=${key}`)).toEqual(wrong);
    expect(
      await small.refusal(`/accounts/${smallSession.tagesgeld}/transactions?date_from=2024-12-01&continuation_key=${key}`),
    ).toEqual(wrong);
    const other = await link(small);
    expect(await small.refusal(`/accounts/${other.giro}/transactions?date_from=2024-12-01&continuation_key=${key}`)).toEqual(
      wrong,
    );
    expect(await small.refusal(`${giroUrl}?date_from=2024-12-01&continuation_key=made-up`)).toEqual(wrong);
    // The same key again gives the same page (a retry after a failure).
    const retried = await small.get(`${giroUrl}?date_from=2024-12-01&continuation_key=${key}`, pageSchema);
    const again = await small.get(`${giroUrl}?date_from=2024-12-01&continuation_key=${key}`, pageSchema);
    expect(again.transactions).toEqual(retried.transactions);
    expect(retried.transactions).toEqual(paged.pages[1]);
  });

  it('gives what it holds for an early date_from or strategy=longest, and refuses periods the API refuses', async () => {
    const ctx = await start({ dailyLimit: 100 });
    const session = await link(ctx);
    const longest = await listing(ctx, session.giro, 'strategy=longest');
    expect((await listing(ctx, session.giro, 'date_from=2023-04-01')).rows).toEqual(longest.rows);
    expect((booked(longest.rows)[0]?.booking_date ?? '') >= '2024-11-16').toBe(true);
    // Without date_from the default listing covers 90 days.
    const recent = await listing(ctx, session.giro, 'strategy=default');
    expect(booked(recent.rows).every((row) => (row.booking_date ?? '') >= '2024-12-16')).toBe(true);
    expect(booked(recent.rows).length).toBeLessThan(booked(longest.rows).length);
    const only = await listing(ctx, session.giro, `date_from=${SCENE_DAY}&date_to=${SCENE_DAY}&transaction_status=BOOK`);
    expect(only.rows.length).toBeGreaterThanOrEqual(5);
    expect(only.rows.every((row) => row.booking_date === SCENE_DAY && row.status === 'BOOK')).toBe(true);
    expect((await listing(ctx, session.giro, 'date_from=2025-03-01&transaction_status=PDNG')).rows).toHaveLength(1);
    const refused = (query: string): Promise<[number, string]> => ctx.refusal(`/accounts/${session.giro}/transactions?${query}`);
    expect(await refused('date_from=2023-03-15')).toEqual([422, 'WRONG_TRANSACTIONS_PERIOD']);
    expect(await refused('date_from=2025-03-01&date_to=2025-02-01')).toEqual([422, 'WRONG_TRANSACTIONS_PERIOD']);
    expect(await refused('date_from=2025-03-16')).toEqual([422, 'DATE_FROM_IN_FUTURE']);
    expect(await refused('date_from=15.03.2025')).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
    expect(await refused('transaction_status=ALL')).toEqual([422, 'WRONG_REQUEST_PARAMETERS']);
  });

  it('answers the 5th listing and the 5th balances request of a UTC day with 429; continuation pages do not count', async () => {
    const ctx = await start({ pageSize: 10 });
    const session = await link(ctx);
    // Right after the consent the person is present: those reads are not counted.
    expect((await ctx.api(`/accounts/${session.giro}/balances`)).status).toBe(200);
    ctx.clock.now += 11 * 60_000;
    for (let i = 0; i < 4; i++) expect((await listing(ctx, session.giro)).pages.length).toBeGreaterThan(3);
    const limited: [number, string] = [429, 'ASPSP_RATE_LIMIT_EXCEEDED'];
    expect(await ctx.refusal(`/accounts/${session.giro}/transactions?strategy=longest`)).toEqual(limited);
    // Balances are a kind of their own, and the Tagesgeld an account of its own.
    for (let i = 0; i < 4; i++) expect((await ctx.api(`/accounts/${session.giro}/balances`)).status).toBe(200);
    expect(await ctx.refusal(`/accounts/${session.giro}/balances`)).toEqual(limited);
    expect((await ctx.api(`/accounts/${session.tagesgeld}/transactions?strategy=longest`)).status).toBe(200);
    // The next UTC day starts afresh.
    ctx.clock.now = Date.UTC(2025, 2, 16, 0, 0, 1);
    expect((await ctx.api(`/accounts/${session.giro}/transactions?strategy=longest`)).status).toBe(200);
  });
});

describe('the Enable Banking test server: sessions end', () => {
  it('answers 401 EXPIRED_SESSION once valid_until passes, and GET /sessions says EXPIRED', async () => {
    const ctx = await start();
    const session = await link(ctx, 2);
    ctx.clock.now += 2 * DAY;
    expect(await ctx.refusal(`/accounts/${session.giro}/balances`)).toEqual([401, 'EXPIRED_SESSION']);
    expect((await ctx.get(`/sessions/${session.session_id}`, sessionSchema)).status).toBe('EXPIRED');
  });

  it('expires, revokes and closes sessions on request', async () => {
    const ctx = await start();
    const a = await link(ctx);
    const b = await link(ctx);
    const c = await link(ctx);
    expect(ctx.server.expireSession({ sessionId: a.session_id })).toBe(1);
    expect(await ctx.refusal(`/accounts/${a.giro}/transactions`)).toEqual([401, 'EXPIRED_SESSION']);
    expect((await ctx.get(`/sessions/${a.session_id}`, sessionSchema)).status).toBe('EXPIRED');
    expect(ctx.server.revokeSession({ sessionId: b.session_id })).toBe(1);
    expect(await ctx.refusal(`/accounts/${b.giro}/balances`)).toEqual([401, 'REVOKED_SESSION']);
    expect((await ctx.get(`/sessions/${b.session_id}`, sessionSchema)).status).toBe('REVOKED');
    expect((await ctx.api(`/sessions/${c.session_id}`, { method: 'DELETE' })).json).toEqual({ message: 'OK' });
    expect(await ctx.refusal(`/accounts/${c.giro}/balances`)).toEqual([401, 'CLOSED_SESSION']);
    expect(await ctx.get(`/sessions/${c.session_id}`, sessionSchema)).toMatchObject({
      status: 'CLOSED',
      closed: expect.any(String),
    });
    // Without an id: every open session.
    const d = await link(ctx);
    const e = await link(ctx);
    expect(ctx.server.expireSession()).toBe(2);
    expect(ctx.server.sessions().map((info) => info.status)).toEqual(['EXPIRED', 'REVOKED', 'CLOSED', 'EXPIRED', 'EXPIRED']);
    expect(await ctx.refusal(`/accounts/${d.giro}/balances`)).toEqual([401, 'EXPIRED_SESSION']);
    expect(await ctx.refusal(`/accounts/${e.tagesgeld}/balances`)).toEqual([401, 'EXPIRED_SESSION']);
  });
});

describe('the Enable Banking test server: state controls', () => {
  it('books the planted pending charge with a tip under a new reference, a processor text and the same creditor', async () => {
    const ctx = await start({ dailyLimit: 100 });
    const session = await link(ctx);
    const before = await balances(ctx, session.giro);
    const pendingReference = ctx.server.plantedPendingReference();
    const result = ctx.server.bookPending();
    expect(result).toMatchObject({ pendingReference, bookedCents: -5_589, bookingDate: TODAY });
    expect(result.bookedReference).not.toBe(pendingReference);
    expect(ctx.server.plantedPendingReference()).toBeUndefined();
    const { rows } = await listing(ctx, session.giro);
    expect(pendingOf(rows)).toEqual([]);
    expect(rows.some((row) => row.entry_reference === pendingReference)).toBe(false);
    const bookedRow = rows.find((row) => row.entry_reference === result.bookedReference);
    expect(bookedRow).toMatchObject({
      status: 'BOOK',
      booking_date: TODAY,
      transaction_date: YESTERDAY,
      creditor: { name: 'Trattoria da Mario' },
      transaction_amount: { amount: '55.89' },
    });
    expect(bookedRow?.remittance_information[0]).not.toBe('TRATTORIA DA MARIO//Berlin/DE');
    expect(bookedRow?.remittance_information[0]).toMatch(/TRATTORIA DA MARIO/);
    const after = await balances(ctx, session.giro);
    expect(after.CLBD).toBe(before.CLBD - 5_589);
    expect(after.ITAV).toBe(before.ITAV - 729);
    expect(() => ctx.server.bookPending()).toThrow(/already booked/);

    const other = await start();
    expect(other.server.bookPending({ tipCents: 500, daysLater: 2 })).toMatchObject({
      bookedCents: -5_360,
      bookingDate: '2025-03-16',
    });
  });

  it('adds a pending charge today, renumbers a day and drops a booked row', async () => {
    const ctx = await start({ dailyLimit: 100 });
    const session = await link(ctx);
    const start0 = await balances(ctx, session.giro);
    const reference = ctx.server.addPending({ amountCents: 1_250, creditor: 'Curry 36' });
    const added = (await listing(ctx, session.giro)).rows.find((row) => row.entry_reference === reference);
    expect(added).toMatchObject({
      status: 'PDNG',
      transaction_date: TODAY,
      creditor: { name: 'Curry 36' },
      transaction_amount: { amount: '12.50' },
      credit_debit_indicator: 'DBIT',
    });
    expect((await balances(ctx, session.giro)).ITAV).toBe(start0.ITAV - 1_250);
    expect(ctx.server.addPending({ account: 'tagesgeld', amountCents: 100, creditor: 'Test' })).toMatch(/^[0-9A-F]{16}$/);
    expect(pendingOf((await listing(ctx, session.tagesgeld)).rows)).toHaveLength(1);

    const day = async (): Promise<Txn[]> =>
      (await listing(ctx, session.giro, `date_from=${SCENE_DAY}&date_to=${SCENE_DAY}&transaction_status=BOOK`)).rows.filter(
        (row) => typeof row.entry_reference === 'string',
      );
    const beforeRows = await day();
    const renumbered = ctx.server.renumberDay();
    expect(renumbered).toHaveLength(beforeRows.length);
    const afterRows = await day();
    const content = (row: Txn | undefined): string =>
      JSON.stringify({ ...row, entry_reference: undefined, balance_after_transaction: undefined });
    for (const { before, after } of renumbered) {
      const was = beforeRows.find((row) => row.entry_reference === before);
      expect(afterRows.find((row) => row.entry_reference === after)).toEqual({ ...was, entry_reference: after });
      // An old reference still listed now names a different posting.
      const now = afterRows.find((row) => row.entry_reference === before);
      if (now) expect(content(now)).not.toBe(content(was));
    }
    const oldReferences = new Set(beforeRows.map((row) => row.entry_reference));
    expect(afterRows.filter((row) => !oldReferences.has(row.entry_reference))).toHaveLength(1);
    expect(afterRows.filter((row) => oldReferences.has(row.entry_reference))).toHaveLength(beforeRows.length - 1);
    expect(() => ctx.server.renumberDay({ date: '2025-03-10' })).toThrow(/renumbering needs 3/);

    const victim = afterRows[0];
    ctx.server.dropBooked({ reference: victim?.entry_reference ?? '' });
    const left = (await listing(ctx, session.giro)).rows;
    expect(left.some((row) => row.entry_reference === victim?.entry_reference)).toBe(false);
    expect((await balances(ctx, session.giro)).CLBD).toBe(start0.CLBD - signed(victim));
    expect(() => ctx.server.dropBooked({ reference: 'NOPE' })).toThrow(/no booked row/);
  });

  it('uses up the day on exhaustDailyLimit, for one account or all', async () => {
    const ctx = await start();
    const session = await link(ctx);
    const limited: [number, string] = [429, 'ASPSP_RATE_LIMIT_EXCEEDED'];
    ctx.server.exhaustDailyLimit({ account: 'tagesgeld' });
    expect(await ctx.refusal(`/accounts/${session.tagesgeld}/balances`)).toEqual(limited);
    expect((await ctx.api(`/accounts/${session.giro}/balances`)).status).toBe(200);
    ctx.server.exhaustDailyLimit();
    expect(await ctx.refusal(`/accounts/${session.giro}/transactions`)).toEqual(limited);
    ctx.clock.now += DAY;
    expect((await ctx.api(`/accounts/${session.giro}/transactions`)).status).toBe(200);
  });

  it('fails, slows and malforms on request', async () => {
    const ctx = await start();
    const session = await link(ctx);
    const balancesUrl = `/accounts/${session.giro}/balances`;
    ctx.server.failNext({ count: 2, status: 503 });
    expect(await ctx.refusal(balancesUrl)).toEqual([503, 'ASPSP_ERROR']);
    expect(await ctx.refusal(balancesUrl)).toEqual([503, 'ASPSP_ERROR']);
    ctx.server.failNext({ count: 1 });
    expect(await ctx.refusal(balancesUrl)).toEqual([500, 'ASPSP_ERROR']);
    // Failed requests did not count against the day's four.
    for (let i = 0; i < 4; i++) expect((await ctx.api(balancesUrl)).status).toBe(200);

    ctx.server.malformNext({ count: 2 });
    const transactionsUrl = `/accounts/${session.giro}/transactions?strategy=longest`;
    const bad = (await ctx.get(transactionsUrl, loosePageSchema)).transactions;
    expect(transactionSchema.safeParse(bad[0]).success).toBe(false);
    expect(bad[0]?.transaction_amount).toEqual({ currency: 'EUR', amount: expect.stringMatching(/^\d+,\d+x$/) });
    expect(bad[1]).not.toHaveProperty('credit_debit_indicator');
    expect(transactionSchema.safeParse(bad[2]).success).toBe(true);
    expect((await ctx.get(transactionsUrl, pageSchema)).transactions.length).toBeGreaterThan(2);

    ctx.server.slow({ ms: 300 });
    const began = Date.now();
    expect((await ctx.api(`/accounts/${session.tagesgeld}/balances`)).status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    ctx.server.slow({ ms: 60_000 });
    const hanging = ctx.api(`/accounts/${session.tagesgeld}/balances`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = Date.now();
    await ctx.server.close();
    expect(Date.now() - closing).toBeLessThan(1_000);
    await expect(hanging).rejects.toThrow();
  });

  it('offers the controls on POST /admin/<action> with JSON bodies', async () => {
    const ctx = await start();
    const session = await link(ctx);
    const admin = async (
      action: string,
      body?: unknown,
      method = 'POST',
    ): Promise<{ status: number; json: z.infer<typeof adminSchema> }> => {
      const reply = await send(`${ctx.server.apiUrl}/admin/${action}`, {
        ca: ctx.ca,
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: reply.status, json: adminSchema.parse(JSON.parse(reply.text)) };
    };
    const planted = await admin('planted-pending');
    expect(planted.json).toEqual({ ok: true, reference: ctx.server.plantedPendingReference() });
    expect((await admin('book-pending', { tipCents: 100 })).json).toMatchObject({
      ok: true,
      pendingReference: planted.json.reference,
      bookedCents: -4_960,
    });
    expect((await admin('book-pending')).status).toBe(409);
    expect((await admin('planted-pending')).json).toEqual({ ok: true, reference: null });
    expect((await admin('add-pending', { amountCents: 999, creditor: 'Curry 36' })).json).toMatchObject({
      ok: true,
      reference: expect.any(String),
    });
    expect((await admin('add-pending', { creditor: 'Curry 36' })).status).toBe(400);
    expect((await admin('renumber-day', {})).json).toMatchObject({ ok: true, renumbered: expect.any(Array) });
    expect((await admin('renumber-day', { date: '2025-03-10' })).status).toBe(409);
    expect((await admin('malform-next', { count: 1 })).status).toBe(200);
    expect((await admin('fail-next', { count: 1, status: 503 })).json).toEqual({ ok: true, count: 1, status: 503 });
    expect((await ctx.api(`/accounts/${session.giro}/balances`)).status).toBe(503);
    expect((await admin('fail-next', { count: 1, status: 200 })).status).toBe(400);
    expect((await admin('slow', { ms: 0 })).status).toBe(200);
    expect((await admin('exhaust-daily-limit', { account: 'girokonto' })).status).toBe(200);
    expect((await ctx.api(`/accounts/${session.giro}/balances`)).status).toBe(429);
    expect((await admin('drop-booked', { reference: 'NOPE' })).status).toBe(409);
    expect((await admin('revoke-session', {})).json).toEqual({ ok: true, sessions: 1 });
    expect(await ctx.refusal(`/accounts/${session.tagesgeld}/balances`)).toEqual([401, 'REVOKED_SESSION']);
    expect((await admin('expire-session', {})).json).toEqual({ ok: true, sessions: 0 });
    expect((await admin('nonsense')).status).toBe(404);
    expect((await admin('slow', { ms: 'fast' })).status).toBe(400);
    expect((await admin('planted-pending', undefined, 'GET')).status).toBe(405);
  });

  it('keeps no JWT, session id, account uid, code or continuation key in its request log', async () => {
    const ctx = await start({ pageSize: 10 });
    const session = await link(ctx);
    await listing(ctx, session.giro);
    await ctx.api(`/sessions/${session.session_id}`);
    await ctx.api('/aspsps', { token: null });
    const log = ctx.server.requests();
    const text = JSON.stringify(log);
    expect(text).not.toContain(session.session_id);
    expect(text).not.toContain(session.giro);
    expect(text).not.toMatch(/eyJ|Bearer|authorization|code=/i);
    expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual(
      expect.arrayContaining([
        'POST /auth 200',
        'GET /consent/:id 200',
        'POST /consent/:id 302',
        'POST /sessions 200',
        'GET /accounts/:uid/transactions 200',
        'GET /sessions/:id 200',
        'GET /aspsps 401',
      ]),
    );
    expect(log.filter((entry) => entry.query.includes('continuation_key=*')).length).toBeGreaterThan(2);
  });
});
