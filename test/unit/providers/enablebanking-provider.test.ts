import crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { createEnableBanking } from '../../../src/providers/enablebanking';
import { DONE } from '../../../src/providers/enablebanking/cursor';
import { buildSecret } from '../../../src/providers/enablebanking/secret';
import { ProviderError } from '../../../src/providers/errors';
import { ALL_HISTORY, type RawTransactionPage } from '../../../src/providers/provider';
import type { HttpsAnswer, HttpsRequest } from '../../../src/providers/simplefin/https';

/*
 * The provider over a stand-in for the one HTTPS request (simplefin/https.ts): what it
 * asks, in which order, and what it makes of the answers. The HTTP exchange itself is
 * tested against the local Enable Banking server (src/devtools/enablebanking-server).
 */

const https = vi.hoisted(() => ({
  handler: undefined as undefined | ((request: HttpsRequest) => Partial<HttpsAnswer> & { json?: unknown }),
  requests: [] as HttpsRequest[],
}));

vi.mock('../../../src/providers/simplefin/https', async (original) => ({
  ...(await original<typeof import('../../../src/providers/simplefin/https')>()),
  httpsRequest: async (request: HttpsRequest): Promise<HttpsAnswer> => {
    https.requests.push(request);
    const answer = https.handler!(request);
    return {
      status: answer.status ?? 200,
      body: answer.body ?? JSON.stringify(answer.json ?? {}),
      headers: answer.headers ?? {},
    };
  },
}));

const KEY = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const APP = { appId: 'app-1', privateKeyPem: KEY.privateKey };
const NOW = Date.parse('2025-03-10T08:00:00Z');
const clock = { nowMs: () => NOW, sleep: async () => {} };

const SESSION_ID = '6b1f5c9e-2d4a-4f3b-9c8e-7a6d5e4f3b2a';
const GIRO_UID = '11111111-2222-4333-8444-555555555555';
const GIRO = {
  uid: GIRO_UID,
  account_id: { iban: 'DE89370400440532013000' },
  product: 'Girokonto',
  cash_account_type: 'CACC',
  currency: 'EUR',
  identification_hash: 'h-giro',
};
const NOKEY = { uid: 'no-key-uid', currency: 'EUR' };
const SECRET = buildSecret(SESSION_ID, { name: 'Testbank', country: 'DE' }, [GIRO, NOKEY]);
const GIRO_KEY = 'iban:DE89370400440532013000';

const provider = (env: NodeJS.ProcessEnv = {}) =>
  createEnableBanking({ clock, env: { FINAGG_ENABLEBANKING_API: 'https://eb.test/api', ...env }, app: async () => APP });

const coffee = (extra: Record<string, unknown> = {}) => ({
  transaction_amount: { currency: 'EUR', amount: '3.20' },
  credit_debit_indicator: 'DBIT',
  status: 'BOOK',
  booking_date: '2025-03-01',
  remittance_information: ['Café Kranzler'],
  ...extra,
});

const pathOf = (r: HttpsRequest) => r.url.pathname;
const query = (r: HttpsRequest) => Object.fromEntries(r.url.searchParams);
const error = (status: number, code: string, message = 'refused', headers: Record<string, string> = {}) => ({
  status,
  json: { message, code: status, error: code, detail: null },
  headers,
});

async function failure(run: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(ProviderError);
    return caught as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

beforeEach(() => {
  https.requests.length = 0;
  https.handler = undefined;
});

describe('Enable Banking provider: accounts', () => {
  it('declares what the sync plans around', () => {
    const p = provider();
    expect(p).toMatchObject({
      id: 'enablebanking',
      name: 'Enable Banking',
      limits: { syncsPerAccountPerDay: 4 },
      answersFor: 'account',
      listsAllPending: true,
      pendingLink: 'none',
      reissuesIds: true,
      idsUnstable: true,
    });
    expect(p.link).toMatchObject({ method: 'redirect_consent', longestConsentSeconds: 180 * 86_400 });
  });

  it('reads each account of the consent with its balances, signed by the application', async () => {
    https.handler = () => ({
      json: { balances: [{ balance_amount: { currency: 'EUR', amount: '-10.00' }, balance_type: 'CLBD' }] },
    });
    const p = provider();
    const spent: number[] = [];
    const raw = await p.fetchAccounts(SECRET, { spend: () => void spent.push(1) });
    // The account without a key costs no request: its normalizing says why it cannot be kept.
    expect(https.requests.map((r) => `${r.method} ${pathOf(r)}`)).toEqual([`GET /api/accounts/${GIRO_UID}/balances`]);
    expect(spent).toHaveLength(1);
    expect(https.requests[0]!.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(p.normalizeAccount(raw[0])).toMatchObject({ providerAccountId: GIRO_KEY, name: 'Girokonto', balanceCents: -1000 });
    expect(() => p.normalizeAccount(raw[1])).toThrow(/account_id: missing/);
  });

  it('wants the session relinked when its secret cannot be read', async () => {
    const e = await failure(() => provider().fetchAccounts('{"v":1}'));
    expect(e.kind).toBe('login_required');
    expect(https.requests).toHaveLength(0);
  });
});

describe('Enable Banking provider: transactions', () => {
  it('asks a first sync for two years, the longest the bank gives, and less when the bank refuses the period', async () => {
    https.handler = (r) =>
      query(r).date_from === '2023-03-11'
        ? error(422, 'WRONG_TRANSACTIONS_PERIOD', 'date_from too far in the past')
        : { json: { transactions: [coffee({ entry_reference: 'R1' })], continuation_key: null } };
    const page = await provider().fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor: null, since: ALL_HISTORY });
    expect(https.requests.map(query)).toEqual([
      { date_from: '2023-03-11', strategy: 'longest' },
      { date_from: '2024-03-10', strategy: 'longest' },
    ]);
    expect(pathOf(https.requests[0]!)).toBe(`/api/accounts/${GIRO_UID}/transactions`);
    expect(page).toMatchObject({ hasMore: false, nextCursor: DONE, coversFrom: '2024-03-10', modified: [], removed: [] });
    expect(page.notices).toEqual([
      { code: 'history', message: 'history from 2025-03-01: as far back as Testbank gives', attention: false },
    ]);
  });

  it('pages with the continuation key, numbering identical records across pages and leaving out what is not booked or pending', async () => {
    const pages: Record<string, unknown> = {
      '': { transactions: [coffee(), coffee({ status: 'CNCL' })], continuation_key: 'k1' },
      k1: { transactions: [], continuation_key: 'k2' },
      k2: {
        transactions: [coffee(), coffee({ status: 'PDNG', transaction_date: '2025-03-09' }), coffee({ status: 'RJCT' })],
        continuation_key: null,
      },
    };
    https.handler = (r) => ({ json: pages[query(r).continuation_key ?? ''] });
    const p = provider();
    const read: RawTransactionPage[] = [];
    let cursor: string | null = null;
    do {
      const page = await p.fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor, since: '2025-02-20' });
      read.push(page);
      cursor = page.nextCursor;
    } while (read.at(-1)!.hasMore);
    expect(https.requests.map(query)).toEqual([
      { date_from: '2025-02-20' },
      { date_from: '2025-02-20', continuation_key: 'k1' },
      { date_from: '2025-02-20', continuation_key: 'k2' },
    ]);
    expect(read.map((page) => page.hasMore)).toEqual([true, true, false]);
    expect(read.map((page) => page.coversFrom)).toEqual(['2025-02-20', '2025-02-20', '2025-02-20']);
    const ids = read.flatMap((page) => page.added.map((raw) => p.normalizeTransaction(raw).providerTxnId));
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(/^seq:[0-9a-f]{16}:0$/);
    expect(ids[1]).toBe(ids[0]!.replace(/:0$/, ':1'));
    expect(new Set(ids).size).toBe(3);
    expect(read.slice(0, 2).flatMap((page) => page.notices)).toEqual([]);
    expect(read[2]!.notices).toEqual([
      {
        code: 'left-out',
        message: 'left out 2 records that are neither booked nor pending: 1 cancelled, 1 rejected',
        attention: false,
      },
    ]);
    expect(read[2]!.nextCursor).toBe(DONE);

    // The next sync starts a fresh listing from its own since.
    https.requests.length = 0;
    await p.fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor: DONE, since: '2025-03-07' });
    expect(https.requests.map(query)).toEqual([{ date_from: '2025-03-07' }]);
  });

  it('goes on counting from a saved cursor in another process, and gives the same ids as one read', async () => {
    const pages: Record<string, unknown> = {
      '': { transactions: [coffee(), coffee()], continuation_key: 'k1' },
      k1: { transactions: [coffee()], continuation_key: null },
    };
    https.handler = (r) => ({ json: pages[query(r).continuation_key ?? ''] });
    const first = await provider().fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor: null, since: '2025-02-20' });
    const second = await provider().fetchTransactions(SECRET, {
      accountId: GIRO_KEY,
      cursor: first.nextCursor,
      since: '2025-02-20',
    });
    const p = provider();
    const ids = [...first.added, ...second.added].map((raw) => p.normalizeTransaction(raw).providerTxnId.slice(-2));
    expect(ids).toEqual([':0', ':1', ':2']);
    // The cursor is opaque, and holds no secret.
    expect(first.nextCursor.startsWith('enablebanking:1:')).toBe(true);
    const decoded = Buffer.from(first.nextCursor.slice('enablebanking:1:'.length), 'base64url').toString();
    expect(decoded).not.toContain(SESSION_ID);
    expect(decoded).not.toContain(GIRO_UID);
  });

  it('starts a listing over when its continuation key went stale', async () => {
    https.handler = (r) =>
      query(r).continuation_key === 'old'
        ? error(422, 'WRONG_CONTINUATION_KEY')
        : { json: { transactions: [coffee({ entry_reference: 'R' })], continuation_key: 'old' } };
    const p = provider();
    const first = await p.fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor: null, since: '2025-02-20' });
    https.requests.length = 0;
    const again = await p.fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor: first.nextCursor, since: '2025-03-01' });
    expect(https.requests.map(query)).toEqual([
      { date_from: '2025-02-20', continuation_key: 'old' },
      { date_from: '2025-02-20' },
    ]);
    expect(again.added).toHaveLength(1);
  });

  it('refuses an account that is not in the consent', async () => {
    const e = await failure(() =>
      provider().fetchTransactions(SECRET, { accountId: 'iban:XX00', cursor: null, since: ALL_HISTORY }),
    );
    expect(e.kind).toBe('login_required');
    expect(e.message).toMatch(/not in the consent/);
  });
});

describe('Enable Banking provider: errors', () => {
  const read = (p = provider()) => p.fetchTransactions(SECRET, { accountId: GIRO_KEY, cursor: null, since: '2025-03-01' });

  it.each([
    [error(429, 'ASPSP_RATE_LIMIT_EXCEEDED'), 'daily_limit'],
    [error(401, 'EXPIRED_SESSION'), 'login_required'],
    [error(401, 'REVOKED_SESSION'), 'login_required'],
    [error(404, 'SESSION_DOES_NOT_EXIST'), 'login_required'],
    [error(401, 'UNAUTHORIZED_ACCESS'), 'application_refused'],
    [error(403, 'ACCESS_DENIED'), 'application_refused'],
    [error(500, 'ASPSP_ERROR'), 'institution_down'],
    [error(502, 'INTERNAL'), 'institution_down'],
    [error(408, 'ASPSP_TIMEOUT'), 'timeout'],
    [error(400, 'WRONG_REQUEST_PARAMETERS'), 'invalid_request'],
    [{ status: 200, body: 'not json' }, 'institution_down'],
  ] as const)('%j is %s', async (answer, kind) => {
    https.handler = () => answer;
    expect((await failure(() => read())).kind).toBe(kind);
  });

  it('says whether the consent expired, was revoked or was closed', async () => {
    const messageOf = async (code: string) => {
      https.handler = () => error(401, code);
      return (await failure(() => read())).message;
    };
    expect(await messageOf('EXPIRED_SESSION')).toMatch(/expired/);
    expect(await messageOf('REVOKED_SESSION')).toMatch(/revoked/);
    expect(await messageOf('CLOSED_SESSION')).toMatch(/closed/);
  });

  it('says the application was refused, with the server text sanitized and without any secret', async () => {
    https.handler = (r) =>
      error(
        401,
        'UNAUTHORIZED_ACCESS',
        `bad jwt ${r.authorization!.slice(7)} for session ${SESSION_ID}\u001b[2J\non ${GIRO_UID}`,
      );
    const e = await failure(() => read());
    expect(e.message).toMatch(/application id or key was refused/);
    expect(e.message).not.toContain(SESSION_ID);
    expect(e.message).not.toContain(GIRO_UID);
    expect(e.message).not.toContain('eyJ');
    expect(e.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('honours Retry-After on a plain 429', async () => {
    https.handler = () => error(429, 'TOO_MANY_REQUESTS', 'slow down', { 'retry-after': '120' });
    const e = await failure(() => read());
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
  });

  it('bounds a long server message', async () => {
    https.handler = () => error(400, 'WRONG_REQUEST_PARAMETERS', 'x'.repeat(5000));
    const e = await failure(() => read());
    expect(e.message.length).toBeLessThan(400);
  });

  it('refuses an API address that is not https, naming the variable', async () => {
    const e = await read(provider({ FINAGG_ENABLEBANKING_API: 'http://eb.test' })).catch((caught: unknown) => caught);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('invalid_input');
    expect((e as AppError).message).toMatch(/^FINAGG_ENABLEBANKING_API: not https/);
    const t = await read(provider({ FINAGG_ENABLEBANKING_TIMEOUT_MS: '5s' })).catch((caught: unknown) => caught);
    expect((t as AppError).message).toMatch(/^FINAGG_ENABLEBANKING_TIMEOUT_MS/);
    expect(https.requests).toHaveLength(0);
  });
});

describe('Enable Banking provider: linking', () => {
  it('lists the banks of a country for personal accounts', async () => {
    https.handler = () => ({
      json: {
        aspsps: [
          {
            name: 'Testbank',
            country: 'DE',
            psu_types: ['personal', 'business'],
            maximum_consent_validity: 15_552_000,
            beta: false,
          },
          { name: 'Newbank', country: 'DE', psu_types: ['personal'], beta: true },
          { name: 'Evil\u001b[2J', country: 'DE' },
          'junk',
        ],
      },
    });
    const banks = await provider().link.banks(APP, 'de');
    expect(query(https.requests[0]!)).toEqual({ country: 'DE', psu_type: 'personal' });
    expect(banks).toEqual([
      { name: 'Testbank', country: 'DE', maximumConsentSeconds: 15_552_000, psuTypes: ['personal', 'business'], beta: false },
      { name: 'Newbank', country: 'DE', maximumConsentSeconds: 90 * 86_400, psuTypes: ['personal'], beta: true },
    ]);
    await expect(provider().link.banks(APP, 'Germany')).rejects.toThrow(/--country/);
  });

  it('starts a consent and returns the page of the bank', async () => {
    https.handler = () => ({ json: { url: 'https://bank.test/consent?x=1', authorization_id: 'a1' } });
    const started = await provider().link.start(APP, {
      bank: 'Testbank',
      country: 'DE',
      redirectUrl: 'https://localhost:8787/callback',
      state: 'st4te',
      validUntil: '2025-09-06T08:00:00.000+00:00',
    });
    expect(started).toEqual({ url: 'https://bank.test/consent?x=1' });
    expect(https.requests[0]!.method).toBe('POST');
    expect(JSON.parse(https.requests[0]!.json!)).toEqual({
      access: { valid_until: '2025-09-06T08:00:00.000+00:00', balances: true, transactions: true },
      aspsp: { name: 'Testbank', country: 'DE' },
      state: 'st4te',
      redirect_url: 'https://localhost:8787/callback',
      psu_type: 'personal',
    });
    https.handler = () => ({ json: { url: 'javascript:alert(1)' } });
    await expect(
      provider().link.start(APP, { bank: 'B', country: 'DE', redirectUrl: 'https://x', state: 's', validUntil: 'v' }),
    ).rejects.toThrow(ProviderError);
  });

  it('turns the code into a session whose secret the data calls read', async () => {
    https.handler = () => ({
      json: {
        session_id: SESSION_ID,
        accounts: [GIRO],
        aspsp: { name: 'Testbank', country: 'DE' },
        psu_type: 'personal',
        access: { valid_until: '2025-09-06T10:00:00+02:00' },
      },
    });
    const grant = await provider().link.authorize(APP, 'the-code');
    expect(JSON.parse(https.requests[0]!.json!)).toEqual({ code: 'the-code' });
    expect(grant).toMatchObject({ consentExpiresAt: '2025-09-06T08:00:00.000Z', bank: { name: 'Testbank', country: 'DE' } });
    expect(JSON.parse(grant.secret)).toEqual({
      v: 1,
      session_id: SESSION_ID,
      bank: { name: 'Testbank', country: 'DE' },
      accounts: [{ key: GIRO_KEY, uid: GIRO_UID, resource: GIRO }],
    });
    https.handler = () => error(400, 'ALREADY_AUTHORIZED');
    expect((await failure(() => provider().link.authorize(APP, 'the-code'))).kind).toBe('invalid_grant');
  });

  it('ends the session, and takes a session ended already as done', async () => {
    https.handler = () => ({ json: { message: 'OK' } });
    await provider().link.end(APP, SECRET);
    expect(https.requests.map((r) => `${r.method} ${pathOf(r)}`)).toEqual([`DELETE /api/sessions/${SESSION_ID}`]);
    https.handler = () => error(401, 'CLOSED_SESSION');
    await expect(provider().link.end(APP, SECRET)).resolves.toBeUndefined();
    https.handler = () => error(500, 'ASPSP_ERROR');
    expect((await failure(() => provider().link.end(APP, SECRET))).kind).toBe('institution_down');
  });
});
