// A local server that speaks the Enable Banking API, for finagg's tests and for trying
// `finagg link enablebanking` without an account. HTTPS only, with a test CA made on every
// start; every API request must carry a JWT signed by the application's key. Neither JWTs nor
// session ids, codes or continuation keys are ever logged.
import { createHash } from 'node:crypto';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closerOf, isLoopback, listen, type ListenOptions, readBody, sendJson, Sleepers } from '../local-server';
import { createTestCertificates } from '../simplefin-server/certificates';
import { DailyCounter, utcDay } from '../simplefin-server/daily-counter';
import { runAdminAction, type EnableBankingControls } from './admin';
import { createApplication, verifyRequestJwt, type GivenApplication } from './application';
import { aspspResource, aspsps, logoSlug, logoSvg, testBankCountry, testBankName } from './aspsps';
import {
  accountByKey,
  addPendingCharge,
  bookPlantedPending,
  createBank,
  dropBookedRow,
  holderName,
  renumberBookedDay,
  resolveAccount,
  type AccountKey,
  type BankAccount,
} from './bank';
import { Authorizations, consentPage, messagePage } from './consent';
import { ApiError, injectedFailure, wrongParameters } from './errors';
import { sessionStatus, Sessions, type Listing, type Session, type SessionAccount } from './sessions';
import { balancesResource, listingPages, parseTransactionsQuery } from './transactions';

export const defaultRedirectUrl = 'http://localhost:8765/enablebanking';
export const applicationName = 'finagg test application';

/** How long after its authorization a session's reads count as made with the person present. */
export const ATTENDED_MS = 10 * 60_000;

export interface EnableBankingServerOptions extends ListenOptions {
  /** Where ca.pem, the server's TLS key and the application's key `<app id>.pem` are written; created 0700 if missing. */
  dir: string;
  /** Clock in ms; the bank's rows are dated relative to it at start. */
  now?: () => number;
  /** The simulated world's seed (FINAGG_SEED); default 1. */
  seed?: number;
  /** Days of history the bank holds before now; default 120. */
  historyDays?: number;
  /** Transactions per page; default 50. */
  pageSize?: number;
  /** Redirect URLs registered with the application, besides defaultRedirectUrl. */
  redirectUrls?: readonly string[];
  /** An application of one's own instead of a new one (then no key file is written). */
  application?: GivenApplication;
  /** Accesses of one kind (listing, balances) per session account per UTC day; default 4. */
  dailyLimit?: number;
  /** Called with each request as it ends (main.ts prints them). */
  onRequest?: (record: RequestRecord) => void;
}

export interface RequestRecord {
  readonly method: string;
  /** With ids replaced: /sessions/:id, /accounts/:uid/transactions, /consent/:id. */
  readonly path: string;
  /** The query, with a continuation key's value replaced by `*`. */
  readonly query: string;
  readonly status: number;
  readonly at: number;
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly status: 'AUTHORIZED' | 'EXPIRED' | 'REVOKED' | 'CLOSED';
  readonly validUntil: string;
  readonly accounts: readonly { readonly uid: string; readonly account: AccountKey }[];
}

export interface EnableBankingServer extends EnableBankingControls {
  /** https://HOST:PORT, for FINAGG_ENABLEBANKING_API. */
  readonly apiUrl: string;
  /** PEM of the test CA, for NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly appId: string;
  /** The application's private key (0600), unless options.application was given. */
  readonly keyPath: string | undefined;
  readonly bankName: string;
  readonly bankCountry: string;
  readonly redirectUrls: readonly string[];
  /** Every session so far, oldest first (for tests: the ids are secrets, never printed). */
  sessions(): SessionInfo[];
  sessionIds(): string[];
  /** The URL a browser is sent back to after the decision at the bank, without the page. */
  decide(authorizationId: string, decision: 'approve' | 'decline'): string;
  requests(): ReadonlyArray<RequestRecord>;
  close(): Promise<void>;
}

interface Answer {
  readonly status?: number;
  readonly body: unknown;
}

interface ServerState {
  slowMs: number;
  failures: number[];
  malformNext: number;
  /** `${utcDay}:${account key or *}`: accounts whose accesses of that day are used up. */
  exhausted: Set<string>;
  closing: boolean;
}

const bodyLimit = 64 * 1024;

export async function startEnableBankingServer(options: EnableBankingServerOptions): Promise<EnableBankingServer> {
  const baseNow = options.now ?? Date.now;
  // Moved forward by the advance-clock control (the data was made at start and stays).
  let clockOffsetMs = 0;
  const now = () => baseNow() + clockOffsetMs;
  const host = options.host ?? '127.0.0.1';
  const pageSize = options.pageSize ?? 50;
  const dailyLimit = options.dailyLimit ?? 4;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a whole number above 0');
  const certificates = await createTestCertificates(options.dir);
  const application = await createApplication(options.dir, options.application);
  const redirectUrls = [...new Set([defaultRedirectUrl, ...(options.redirectUrls ?? [])])];
  const bank = createBank({ seed: options.seed ?? 1, nowMs: now(), historyDays: options.historyDays ?? 120 });
  const authorizations = new Authorizations(redirectUrls);
  const sessions = new Sessions();
  const counter = new DailyCounter();
  const log: RequestRecord[] = [];
  const state: ServerState = { slowMs: 0, failures: [], malformNext: 0, exhausted: new Set(), closing: false };

  const server = createServer({ key: certificates.keyPem, cert: certificates.certPem });
  const closeServer = closerOf(server);
  const port = await listen(server, options.port ?? 0, host);
  const origin = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  // Slow answers wait here; close() wakes them so that no timer outlives the server.
  const sleepers = new Sleepers();

  const today = (): number => bank.world.dayOf(now());
  // One person consents here, so one PSU hash per application.
  const psuIdHash = createHash('sha256').update(`${application.appId}:${holderName}`).digest('hex');

  const openSessions = (sessionId: string | undefined): Session[] => {
    if (sessionId !== undefined) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error('no such session');
      return [session];
    }
    return sessions.all().filter((session) => sessionStatus(session, now()) === 'AUTHORIZED');
  };

  const controls: EnableBankingControls = {
    bookPending: (bookOptions) => bookPlantedPending(bank, bookOptions),
    addPending: (input) => addPendingCharge(bank, today(), input),
    renumberDay: (renumberOptions = {}) =>
      renumberBookedDay(bank, resolveAccount(bank, renumberOptions.account), renumberOptions.date),
    exhaustDailyLimit: (target = {}) => {
      const key = target.account === undefined ? '*' : resolveAccount(bank, target.account).key;
      state.exhausted.add(`${utcDay(now())}:${key}`);
    },
    expireSession: (target = {}) => {
      const ended = openSessions(target.sessionId);
      for (const session of ended) session.validUntilMs = Math.min(session.validUntilMs, now());
      return ended.length;
    },
    revokeSession: (target = {}) => {
      const ended = openSessions(target.sessionId);
      for (const session of ended) session.revokedMs ??= now();
      return ended.length;
    },
    failNext: ({ count, status = 500 }) => {
      state.failures = Array.from({ length: count }, () => status);
    },
    slow: ({ ms }) => {
      state.slowMs = Math.max(0, ms);
    },
    malformNext: ({ count = 1 } = {}) => {
      state.malformNext = count;
    },
    dropBooked: ({ reference }) => {
      dropBookedRow(bank, reference);
    },
    plantedPendingReference: () => bank.plantedPending,
    advanceClock: ({ days = 0, hours = 0 }) => {
      clockOffsetMs += Math.round((days * 24 + hours) * 3_600_000);
      return new Date(now()).toISOString();
    },
  };

  // ---- the API ----

  const accountResource = (uid: string, account: BankAccount): Record<string, unknown> => ({
    uid,
    account_id: { iban: account.iban },
    all_account_ids: [{ identification: account.iban, scheme_name: 'IBAN' }],
    account_servicer: { bic_fi: 'FNAGDEB1XXX', name: testBankName },
    name: account.holder,
    details: account.details,
    product: account.product,
    cash_account_type: account.cashAccountType,
    currency: account.currency,
    identification_hash: account.identificationHash,
    identification_hashes: [account.identificationHash],
    usage: 'PRIV',
    psu_status: 'Account Holder',
  });

  const dataAccess = (uid: string): { session: Session; account: SessionAccount; bankAccount: BankAccount } => {
    const found = sessions.byAccountUid(uid);
    if (!found) throw new ApiError(404, 'ACCOUNT_DOES_NOT_EXIST', 'no account with this uid');
    switch (sessionStatus(found.session, now())) {
      case 'EXPIRED':
        throw new ApiError(401, 'EXPIRED_SESSION', 'the session has expired');
      case 'REVOKED':
        throw new ApiError(401, 'REVOKED_SESSION', 'the session has been revoked');
      case 'CLOSED':
        throw new ApiError(401, 'CLOSED_SESSION', 'the session has been closed');
      default:
        return { ...found, bankAccount: accountByKey(bank, found.account.key) };
    }
  };

  // PSD2: the bank answers at most `dailyLimit` unattended accesses of a kind per account a day.
  // Reads in the minutes right after the person authorized the session are attended (they
  // are at the bank and the app at once, as when a link reads the balances): not counted.
  const countAccess = (session: Session, account: SessionAccount, kind: 'balances' | 'transactions'): void => {
    const day = utcDay(now());
    const attended = now() - session.authorizedMs < ATTENDED_MS;
    if (attended && !state.exhausted.has(`${day}:*`) && !state.exhausted.has(`${day}:${account.key}`)) return;
    const used = counter.count(`${session.id}|${account.uid}|${kind}`, day);
    if (used > dailyLimit || state.exhausted.has(`${day}:*`) || state.exhausted.has(`${day}:${account.key}`)) {
      throw new ApiError(
        429,
        'ASPSP_RATE_LIMIT_EXCEEDED',
        `the bank allows ${dailyLimit} accesses of this kind per account per day without the account holder`,
      );
    }
  };

  const listingPage = (session: Session, listing: Listing, page: number): Answer => ({
    body: {
      transactions: listing.pages[page] ?? [],
      continuation_key: page + 1 < listing.pages.length ? sessions.continuationKey(session, listing, page + 1) : null,
    },
  });

  const sessionResource = (session: Session): Record<string, unknown> => ({
    status: sessionStatus(session, now()),
    accounts: session.accounts.map((account) => account.uid),
    accounts_data: session.accounts.map((account) => ({
      uid: account.uid,
      identification_hash: accountByKey(bank, account.key).identificationHash,
    })),
    aspsp: { name: session.aspsp.name, country: session.aspsp.country },
    psu_type: session.psuType,
    psu_id_hash: psuIdHash,
    access: { valid_until: rfc3339(session.validUntilMs), balances: session.balances, transactions: session.transactions },
    created: rfc3339(session.createdMs),
    authorized: rfc3339(session.authorizedMs),
    closed: session.closedMs === undefined ? null : rfc3339(session.closedMs),
  });

  const api = (method: string, path: string, url: URL, body: string): Answer => {
    const segments = path.split('/').slice(1);
    const [first, second, third] = segments;
    const allow = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`);
    };
    if (path === '/aspsps') {
      allow('GET');
      const country = url.searchParams.get('country');
      const psuType = url.searchParams.get('psu_type');
      if (psuType !== null && psuType !== 'personal' && psuType !== 'business') {
        throw wrongParameters('psu_type must be personal or business');
      }
      const listed = aspsps.filter(
        (aspsp) =>
          (country === null || aspsp.country === country.toUpperCase()) && (psuType === null || aspsp.psuTypes.includes(psuType)),
      );
      return { body: { aspsps: listed.map((aspsp) => aspspResource(aspsp, origin)) } };
    }
    if (path === '/auth') {
      allow('POST');
      const authorization = authorizations.start(parseJsonBody(body), now());
      return {
        body: {
          url: `${origin}/consent/${authorization.id}`,
          authorization_id: authorization.id,
          psu_id_hash: psuIdHash,
        },
      };
    }
    if (path === '/sessions') {
      allow('POST');
      const request = parseJsonBody(body);
      const code = typeof request === 'object' && request !== null ? (request as { code?: unknown }).code : undefined;
      if (typeof code !== 'string' || code === '') throw wrongParameters('code: the authorization code is required');
      const authorization = authorizations.redeem(code, now());
      const session = sessions.create(authorization, ['girokonto', 'tagesgeld'], now());
      return {
        body: {
          session_id: session.id,
          accounts: session.accounts.map((account) => accountResource(account.uid, accountByKey(bank, account.key))),
          aspsp: { name: session.aspsp.name, country: session.aspsp.country },
          psu_type: session.psuType,
          access: { valid_until: rfc3339(session.validUntilMs), balances: session.balances, transactions: session.transactions },
        },
      };
    }
    if (first === 'sessions' && second !== undefined && segments.length === 2) {
      allow('GET', 'DELETE');
      const session = sessions.get(second);
      if (!session) throw new ApiError(404, 'SESSION_DOES_NOT_EXIST', 'no such session');
      if (method === 'DELETE') {
        session.closedMs ??= now();
        return { body: { message: 'OK' } };
      }
      return { body: sessionResource(session) };
    }
    if (first === 'accounts' && second !== undefined && segments.length === 3) {
      allow('GET');
      const { session, account, bankAccount } = dataAccess(second);
      switch (third) {
        case 'details':
          return { body: accountResource(account.uid, bankAccount) };
        case 'balances':
          if (!session.balances) throw new ApiError(403, 'ACCESS_DENIED', 'the consent does not cover balances');
          countAccess(session, account, 'balances');
          return { body: balancesResource(bankAccount, today(), now()) };
        case 'transactions': {
          if (!session.transactions) throw new ApiError(403, 'ACCESS_DENIED', 'the consent does not cover transactions');
          const query = parseTransactionsQuery(url.searchParams, today());
          if (query.continuationKey !== undefined) {
            const entry = session.continuations.get(query.continuationKey);
            if (!entry || entry.listing.uid !== account.uid || entry.listing.dateFrom !== query.dateFromText) {
              throw new ApiError(422, 'WRONG_CONTINUATION_KEY', 'the continuation key does not belong to this listing');
            }
            return listingPage(session, entry.listing, entry.page);
          }
          countAccess(session, account, 'transactions');
          const malform = state.malformNext;
          state.malformNext = 0;
          const listing: Listing = {
            uid: account.uid,
            dateFrom: query.dateFromText,
            pages: listingPages(bankAccount, query, today(), pageSize, malform),
          };
          return listingPage(session, listing, 0);
        }
        default:
          break;
      }
    }
    throw new ApiError(404, 'NOT_FOUND', 'no such endpoint');
  };

  // ---- requests ----

  const handleConsent = (response: ServerResponse, method: string, id: string, body: string): void => {
    const authorization = authorizations.get(id);
    if (!authorization) {
      return sendHtml(response, 404, messagePage('Unknown consent request', 'The bank knows no such consent request.'));
    }
    if (!authorizations.isOpen(authorization, now())) {
      return sendHtml(
        response,
        410,
        messagePage(
          'Consent request closed',
          'This consent request has already been answered or has expired. Start again from the application.',
        ),
      );
    }
    if (method === 'GET') {
      const accounts = bank.accounts.map((account) => ({ label: account.details, iban: account.iban }));
      return sendHtml(response, 200, consentPage(authorization, accounts, applicationName));
    }
    if (method !== 'POST') return sendHtml(response, 405, messagePage('Method not allowed', `${method} is not allowed here.`));
    const decision = new URLSearchParams(body).get('decision');
    if (decision !== 'approve' && decision !== 'decline') {
      return sendHtml(response, 400, messagePage('No decision', 'Choose Approve or Decline.'));
    }
    const location = authorizations.decide(authorization, decision, now());
    response.writeHead(302, { location, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(messagePage('Back to the application', 'Your browser is sent back to the application.'));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const path = url.pathname;
    const record = { method, path: loggedPath(path), query: loggedQuery(url.searchParams), at: now() };
    response.once('close', () => {
      const entry: RequestRecord = { ...record, status: response.headersSent ? response.statusCode : 0 };
      log.push(entry);
      options.onRequest?.(entry);
    });
    const body = await readBody(request, bodyLimit);

    if (path.startsWith('/admin/')) {
      if (!isLoopback(request.socket.remoteAddress)) return sendJson(response, 403, { ok: false, error: 'loopback only' });
      if (method !== 'POST') return sendJson(response, 405, { ok: false, error: 'use POST' });
      if (body === undefined) return sendJson(response, 413, { ok: false, error: 'body too large' });
      const answer = runAdminAction(path.slice('/admin/'.length), body, controls);
      return sendJson(response, answer.status, answer.body);
    }
    if (path.startsWith('/consent/')) {
      return handleConsent(response, method, path.slice('/consent/'.length), body ?? '');
    }
    if (path.startsWith('/logos/') && method === 'GET') {
      const aspsp = aspsps.find((candidate) => `/logos/${logoSlug(candidate)}.svg` === path);
      if (!aspsp) return sendJson(response, 404, new ApiError(404, 'NOT_FOUND', 'no such logo').body());
      response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
      response.end(logoSvg(aspsp));
      return;
    }
    if (path === '/' && method === 'GET' && request.headers.authorization === undefined) {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Enable Banking test server for finagg. Bank: ${testBankName} (${testBankCountry}).\n`);
      return;
    }
    try {
      if (body === undefined) throw new ApiError(413, 'WRONG_REQUEST_PARAMETERS', 'the request body is too large');
      verifyRequestJwt(application, request.headers.authorization, now());
      if (state.slowMs > 0) await sleepers.sleep(state.slowMs);
      if (state.closing || response.destroyed) return;
      const failure = state.failures.shift();
      if (failure !== undefined) throw injectedFailure(failure);
      const answer = api(method, path, url, body);
      sendJson(response, answer.status ?? 200, answer.body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendJson(response, error.status, error.body());
    }
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      // No error text in the answer: it could carry request details.
      if (!response.headersSent) sendJson(response, 500, new ApiError(500, 'ASPSP_ERROR', 'internal error').body());
      else response.destroy();
    });
  });

  return {
    apiUrl: origin,
    caPath: certificates.caPath,
    appId: application.appId,
    keyPath: application.keyPath,
    bankName: testBankName,
    bankCountry: testBankCountry,
    redirectUrls,
    ...controls,
    sessions: () =>
      sessions.all().map((session) => ({
        sessionId: session.id,
        status: sessionStatus(session, now()),
        validUntil: rfc3339(session.validUntilMs),
        accounts: session.accounts.map((account) => ({ uid: account.uid, account: account.key })),
      })),
    sessionIds: () => sessions.all().map((session) => session.id),
    decide: (authorizationId, decision) => {
      const authorization = authorizations.get(authorizationId);
      if (!authorization || !authorizations.isOpen(authorization, now())) throw new Error('no open consent request with this id');
      return authorizations.decide(authorization, decision, now());
    },
    requests: () => log.slice(),
    close: async () => {
      state.closing = true;
      sleepers.wakeAll();
      await closeServer();
    },
  };
}

/** `2025-09-11T15:30:00.000+00:00`, as the API writes times. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '+00:00');
}

function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw wrongParameters('the request body must be JSON');
  }
}

function loggedPath(path: string): string {
  return path
    .replace(/^\/sessions\/[^/]+$/, '/sessions/:id')
    .replace(/^\/accounts\/[^/]+\//, '/accounts/:uid/')
    .replace(/^\/consent\/[^/]+$/, '/consent/:id');
}

function loggedQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [name, value] of params) kept.append(name, name === 'continuation_key' ? '*' : value);
  return kept.toString().replace(/%2A/g, '*');
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}
