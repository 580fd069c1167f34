// A local SimpleFIN server with the quirks of a real Bridge, for finagg's tests and for
// trying `finagg link simplefin` without a Bridge account. HTTPS only, with a test CA made on
// every start. Credentials are never logged, echoed or kept in the request log.
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closerOf, isLoopback, listen, type ListenOptions, readBody, sendJson, Sleepers } from '../local-server';
import { buildAccountSet, type ErrorEntry } from './account-set';
import { parseAccountsQuery } from './accounts-query';
import { type AdminControls, runAdminAction } from './admin';
import {
  addMalformedTransaction,
  addTransaction,
  type NewTransaction,
  postPlantedPending,
  type PostOptions,
  withdrawPlantedPending,
} from './bank';
import { createTestCertificates } from './certificates';
import { AccessRegistry } from './claims';
import { DailyCounter, utcDay } from './daily-counter';
import { createHousehold } from './household';

export interface SimpleFinServerOptions extends ListenOptions {
  /** Where ca.pem and the server's key and certificate are written; created 0700 if missing. */
  dir: string;
  /** Clock in ms; the household's dates are relative to it at start. */
  now?: () => number;
  seed?: number;
  /** How far back the bank data goes; the default is more than one 90-day window. */
  historyDays?: number;
  /** The answer shape when a request names no version. */
  defaultVersion?: 1 | 2;
  /** A server of protocol 1 only: the `version` parameter is ignored, every answer has the v1 shape. */
  v1Only?: boolean;
  /** A strict server of protocol 1: a request naming a `version` is refused with 400. */
  refusesVersion?: boolean;
  maxRangeDays?: number;
  /** Requests per access URL per UTC day before answers carry a limit notice. */
  dailyLimit?: number;
}

export interface RequestRecord {
  readonly path: string;
  readonly query: string;
  readonly authorized: boolean;
  readonly at: number;
}

export interface SimpleFinServer extends AdminControls {
  /** https://HOST:PORT/simplefin */
  readonly rootUrl: string;
  /** PEM of the test CA, for NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  /** base64 of `${rootUrl}/claim/<single-use code>`. */
  newSetupToken(): string;
  addTransaction(accountId: string, txn: NewTransaction): string;
  /** Authenticated /accounts requests of the UTC day of `now` (answered or refused with 402/5xx), over all access URLs. */
  requestCount(): number;
  requests(): ReadonlyArray<RequestRecord>;
  close(): Promise<void>;
}

interface ServerState {
  paymentRequired: boolean;
  slowMs: number;
  /** Statuses for the next /accounts requests, one each. */
  failures: number[];
  errors: ErrorEntry[];
  closing: boolean;
}

export const dailyLimitNotice: ErrorEntry = { code: 'gen.api', msg: 'Daily request limit exceeded' };

export async function startSimpleFinServer(options: SimpleFinServerOptions): Promise<SimpleFinServer> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const dailyLimit = options.dailyLimit ?? 24;
  const certificates = await createTestCertificates(options.dir);
  const server = createServer({ key: certificates.keyPem, cert: certificates.certPem });
  const closeServer = closerOf(server);
  const port = await listen(server, options.port ?? 0, host);

  const origin = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const rootUrl = `${origin}/simplefin`;
  const household = createHousehold({
    seed: options.seed ?? 1,
    nowMs: now(),
    historyDays: options.historyDays ?? 150,
    pointsCurrencyUrl: `${origin}/currency/maple-points`,
  });
  const access = new AccessRegistry();
  const counter = new DailyCounter();
  const log: RequestRecord[] = [];
  const state: ServerState = { paymentRequired: false, slowMs: 0, failures: [], errors: [], closing: false };
  // Slow answers wait here; close() wakes them so that no timer outlives the server.
  const sleepers = new Sleepers();

  const newSetupToken = (): string => Buffer.from(`${rootUrl}/claim/${access.newClaimCode()}`, 'utf8').toString('base64');

  const controls = {
    postPending: (postOptions?: PostOptions) => postPlantedPending(household, now(), postOptions),
    withdrawPending: () => withdrawPlantedPending(household),
    revokeAll: () => access.revokeAll(),
    setPaymentRequired: (on: boolean) => {
      state.paymentRequired = on;
    },
    setSlow: (ms: number) => {
      state.slowMs = Math.max(0, ms);
    },
    failNext: (count: number, status = 500) => {
      state.failures = Array.from({ length: count }, () => status);
    },
    addError: (entry: ErrorEntry) => {
      state.errors.push({ ...entry });
    },
    clearErrors: () => {
      state.errors = [];
    },
    addMalformedTransaction: () => addMalformedTransaction(household, now()),
  };

  const handleAccounts = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    record: RequestRecord,
  ): Promise<void> => {
    const user = access.authenticate(request.headers.authorization);
    log.push({ ...record, authorized: user !== undefined });
    if (state.slowMs > 0) await sleepers.sleep(state.slowMs);
    if (state.closing || response.destroyed) return;
    if (user === undefined) return sendText(response, 403, 'Forbidden');
    const nowMs = now();
    const count = counter.count(user, utcDay(nowMs));
    if (state.paymentRequired) return sendText(response, 402, 'Payment Required');
    const failure = state.failures.shift();
    if (failure !== undefined) return sendText(response, failure, 'Internal Server Error');
    if (options.refusesVersion && url.searchParams.has('version')) return sendText(response, 400, 'unknown parameter: version');
    const parsed = parseAccountsQuery(url.searchParams);
    if (!parsed.ok) return sendText(response, 400, parsed.reason);
    const errors = count > dailyLimit ? [...state.errors, dailyLimitNotice] : state.errors;
    const query = options.v1Only ? { ...parsed.query, version: 1 as const } : parsed.query;
    const body = buildAccountSet(query, {
      household,
      nowMs,
      rootUrl,
      defaultVersion: options.v1Only ? 1 : (options.defaultVersion ?? 2),
      maxRangeDays: options.maxRangeDays ?? 90,
      errors,
    });
    sendJson(response, 200, body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const path = url.pathname;
    // The claim code is a secret until used: the log keeps only its place.
    const record: RequestRecord = {
      path: path.startsWith('/simplefin/claim/') ? '/simplefin/claim/:code' : path,
      query: url.search.replace(/^\?/, ''),
      authorized: false,
      at: now(),
    };
    if (path === '/simplefin/accounts') {
      request.resume();
      if (method !== 'GET') return logged(record, () => sendText(response, 405, 'Method Not Allowed'));
      return handleAccounts(request, response, url, record);
    }
    if (path.startsWith('/simplefin/claim/')) {
      request.resume();
      if (method !== 'POST') return logged(record, () => sendText(response, 405, 'Method Not Allowed'));
      const credentials = access.claim(path.slice('/simplefin/claim/'.length));
      log.push({ ...record, authorized: credentials !== undefined });
      if (!credentials) return sendText(response, 403, 'Forbidden');
      const accessUrl = new URL(rootUrl);
      accessUrl.username = credentials.user;
      accessUrl.password = credentials.password;
      return sendText(response, 200, accessUrl.href);
    }
    if (path.startsWith('/admin/')) {
      const body = await readBody(request, 64 * 1024);
      log.push(record);
      if (!isLoopback(request.socket.remoteAddress)) return sendText(response, 403, 'Forbidden');
      if (method !== 'POST') return sendText(response, 405, 'Method Not Allowed');
      if (body === undefined) return sendText(response, 413, 'Payload Too Large');
      const answer = runAdminAction(path.slice('/admin/'.length), body, controls);
      return sendJson(response, answer.status, answer.body);
    }
    request.resume();
    log.push(record);
    if (method !== 'GET') return sendText(response, 405, 'Method Not Allowed');
    switch (path) {
      case '/simplefin/info':
        return sendJson(response, 200, { versions: ['1', '2'] });
      case '/simplefin/create':
        return sendText(
          response,
          200,
          `SimpleFIN test server: a setup token (single use).\n\n${newSetupToken()}\n\nPaste it into \`finagg link simplefin\`.\n`,
        );
      case '/currency/maple-points':
        return sendJson(response, 200, { name: 'Maple Rewards Points', abbr: 'PTS' });
      default:
        return sendText(response, 404, 'Not Found');
    }
  };

  const logged = (record: RequestRecord, answer: () => void): void => {
    log.push(record);
    answer();
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      // No error text in the answer: it could carry request details.
      if (!response.headersSent) sendText(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });

  return {
    rootUrl,
    caPath: certificates.caPath,
    newSetupToken,
    ...controls,
    addTransaction: (accountId, txn) => addTransaction(household, accountId, txn, now()),
    requestCount: () => counter.total(utcDay(now())),
    requests: () => log.slice(),
    close: async () => {
      state.closing = true;
      sleepers.wakeAll();
      await closeServer();
    },
  };
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}
