import crypto from 'node:crypto';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import { ProviderError } from '../errors';
import {
  ALL_HISTORY,
  type BankProvider,
  type FetchTransactionsRequest,
  type ProviderNotice,
  type RawTransactionPage,
  type RequestMeter,
} from '../provider';
import { decodeSetupToken, parseAccessUrl } from './access-url';
import { type RoutedAccount, type RoutedAnswer, routeAnswer, transactionCount } from './answer';
import { claimAccessUrl, fetchAccountSet, QueryRefused } from './client';
import { type CurrencyStore, type Resolved, resolveCurrency } from './currencies';
import { normalizeSimpleFinAccount, normalizeSimpleFinTransaction, simpleFinRawTransactionId } from './normalize';
import { cursorAt, DAY_SECONDS, dayOf, dayStart, DONE, readCursor, type Window, windowBack, windowFrom } from './windows';

export const SIMPLEFIN_BRIDGE = 'https://bridge.simplefin.org';
/** The Bridge asks apps for at most 24 requests a day per access URL. */
const REQUESTS_PER_DAY = 24;
/** The Bridge caps a request's date range at 90 days. */
const MAX_WINDOW_DAYS = 90;
/** A first sync reads back at most this many windows (about two years). */
const MAX_HISTORY_WINDOWS = 8;
/** An answer this fresh still tells the balances: no request is spent on asking again. */
const BALANCES_FRESH_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface SimpleFinOptions {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Where resolved custom currencies are remembered. */
  currencies?: CurrencyStore;
}

/**
 * The answers of one sync of a connection. SimpleFIN answers for all accounts at once,
 * while the sync pipeline reads one account at a time: the first account's read of a
 * window asks the Bridge, the others read the same answer. A new sync (another end
 * time, token or account selection) starts a new feed, so nothing stale is served.
 */
interface Feed {
  key: string;
  /** End of the sync's last window, epoch seconds (exclusive). */
  until: number;
  accountIds: readonly string[] | undefined;
  windows: Map<number, RoutedAnswer>;
  history?: History;
}

/** How far a first sync reached back. */
interface History {
  start: number;
  notice: ProviderNotice;
}

export function createSimpleFin(options: SimpleFinOptions): BankProvider {
  const timeoutMs = timeoutFrom(options.env);
  const currencyMemory = new Map<string, string>();
  let feed: Feed | undefined;

  const accessOf = (secret: string) => {
    const access = parseAccessUrl(secret);
    // Sealed by finagg itself after a claim; unreadable means the stored secret is not one.
    if (!access) throw new ProviderError('simplefin', 'login_required', 'the stored SimpleFIN access is not an access URL');
    return access;
  };

  const currencyOf = (account: RoutedAccount): Promise<Resolved> =>
    resolveCurrency(account.currencyField, options.currencies, currencyMemory, timeoutMs);

  // Asked for protocol 2 until a server refuses the parameter; then never again in this process.
  let askVersion = true;

  async function ask(secret: string, window: Window | null, accountIds: readonly string[] | undefined, meter?: RequestMeter) {
    const query =
      window === null ? { balancesOnly: true, accountIds } : { startDate: window.start, endDate: window.end, accountIds };
    meter?.spend();
    try {
      return routeAnswer(await fetchAccountSet(accessOf(secret), query, timeoutMs, { version: askVersion }), window);
    } catch (error) {
      if (!(error instanceof QueryRefused) || !askVersion) throw error;
      askVersion = false;
      meter?.spend();
      return routeAnswer(await fetchAccountSet(accessOf(secret), query, timeoutMs, { version: false }), window);
    }
  }

  function feedFor(secret: string, request: FetchTransactionsRequest): Feed {
    const untilMs = request.untilMs ?? options.clock.nowMs();
    const accountIds = request.connectionAccountIds;
    const key = [untilMs, accountIds?.join('\u0000') ?? '*', crypto.createHash('sha256').update(secret).digest('hex')].join('|');
    if (feed?.key !== key) feed = { key, until: feedEnd(untilMs), accountIds, windows: new Map() };
    return feed;
  }

  async function windowAnswer(f: Feed, secret: string, window: Window, meter?: RequestMeter): Promise<RoutedAnswer> {
    const known = f.windows.get(window.start);
    if (known && known.window?.end === window.end) return known;
    const answer = await ask(secret, window, f.accountIds, meter);
    f.windows.set(window.start, answer);
    return answer;
  }

  /**
   * A first sync reads windows back from now until one holds no transaction at all (the
   * Bridge keeps a limited history and does not say how much), then serves them oldest
   * first. It says how far it got. Running out of the day's requests part way keeps
   * what was read.
   */
  async function history(f: Feed, secret: string, meter?: RequestMeter): Promise<History> {
    if (f.history) return f.history;
    let oldest = windowBack(0, f.until, MAX_WINDOW_DAYS);
    let stop: 'empty' | 'budget' | 'limit' = 'limit';
    for (let i = 0; i < MAX_HISTORY_WINDOWS; i++) {
      const window = windowBack(i, f.until, MAX_WINDOW_DAYS);
      let answer: RoutedAnswer;
      try {
        answer = await windowAnswer(f, secret, window, meter);
      } catch (error) {
        if (i > 0 && error instanceof ProviderError && error.kind === 'budget_exhausted') {
          stop = 'budget';
          break;
        }
        throw error;
      }
      if (i > 0 && transactionCount(answer, f.accountIds) === 0) {
        stop = 'empty';
        break;
      }
      oldest = window;
    }
    const earliest = earliestDay(f) ?? dayOf(oldest.start);
    const why =
      stop === 'empty'
        ? 'as far back as SimpleFIN Bridge gives'
        : stop === 'budget'
          ? "the day's requests ran out before the oldest"
          : `finagg reads at most ${MAX_HISTORY_WINDOWS * MAX_WINDOW_DAYS} days back`;
    f.history = {
      start: oldest.start,
      notice: { code: 'history', message: `history from ${earliest}: ${why}`, attention: false },
    };
    return f.history;
  }

  async function page(f: Feed, answer: RoutedAnswer, accountId: string, extra: ProviderNotice[]): Promise<RawTransactionPage> {
    const window = answer.window!;
    const notices = [...extra, ...answer.notices.general];
    const account = answer.accounts.get(accountId);
    let incomplete = answer.notices.byAccount.has(accountId) || answer.notices.capped;
    if (answer.notices.capped) {
      notices.push({
        code: 'gen.api',
        message: 'SimpleFIN Bridge cut a request short; the next sync reads it again',
        attention: false,
      });
    }
    let added: unknown[] = [];
    if (!account) {
      incomplete = true;
      notices.push({ code: 'missing', message: 'SimpleFIN Bridge did not send this account', attention: true });
    } else {
      if (account.connId !== null) notices.push(...(answer.notices.connections.get(account.connId) ?? []));
      const currency = await currencyOf(account);
      if ('problem' in currency) {
        incomplete = true;
        notices.push({
          code: 'currency',
          message: `${currency.problem}; its transactions wait for the next sync`,
          attention: true,
        });
      } else {
        const receivedAt = Math.floor(options.clock.nowMs() / 1000);
        added = account.transactions.map((transaction) => ({ transaction, currency: currency.code, receivedAt }));
      }
    }
    notices.push(...(answer.notices.byAccount.get(accountId) ?? []));
    const more = window.end < f.until;
    return {
      added,
      modified: [],
      removed: [],
      nextCursor: more ? cursorAt(window.end) : DONE,
      hasMore: more,
      notices,
      incomplete,
      // A window that starts mid-day holds that day only in part.
      coversFrom: dayOf(Math.ceil(window.start / DAY_SECONDS) * DAY_SECONDS),
    };
  }

  return {
    id: 'simplefin',
    name: 'SimpleFIN Bridge',
    kind: 'bank',
    link: {
      method: 'setup_token',
      tokenPage: `${SIMPLEFIN_BRIDGE}/simplefin/create`,
      checkToken: (token) => void decodeSetupToken(token),
      claim: (token) => claimAccessUrl(decodeSetupToken(token), timeoutMs),
      revokeHint: `finagg deleted its SimpleFIN access URL; to end the access at the source too, delete finagg's app connection at ${SIMPLEFIN_BRIDGE}`,
    },
    limits: { requestsPerDay: REQUESTS_PER_DAY, maxWindowDays: MAX_WINDOW_DAYS },
    answersFor: 'connection',
    listsAllPending: true,
    // SimpleFIN never links a posted record to its pending one: dedupe pass 4 matches them.
    pendingLink: 'none',
    reissuesIds: false,

    async fetchAccounts(secret, meter) {
      // Right after a sync's last window, its answer has today's balances (of the accounts
      // that sync asked for, which are the ones whose balances are written).
      const latest = feed ? [...feed.windows.values()].find((a) => a.window?.end === feed!.until) : undefined;
      const answer =
        latest && performance.now() - latest.receivedAt < BALANCES_FRESH_MS ? latest : await ask(secret, null, undefined, meter);
      const records: unknown[] = [];
      for (const account of answer.accounts.values()) {
        const currency = await currencyOf(account);
        records.push({
          account: account.raw,
          currency: 'code' in currency ? currency.code : '',
          institution: account.institution,
        });
      }
      for (const raw of answer.malformed) records.push({ account: raw, currency: '', institution: null });
      return records;
    },
    normalizeAccount: normalizeSimpleFinAccount,

    async fetchTransactions(secret, request, meter) {
      const f = feedFor(secret, request);
      const extra: ProviderNotice[] = [];
      let start = readCursor(request.cursor);
      if (start === undefined || start >= f.until) {
        if (request.since <= ALL_HISTORY) {
          const h = await history(f, secret, meter);
          start = h.start;
          extra.push(h.notice);
        } else {
          start = Math.min(dayStart(request.since), f.until - DAY_SECONDS);
        }
      }
      const answer = await windowAnswer(f, secret, windowFrom(start, f.until, MAX_WINDOW_DAYS), meter);
      return page(f, answer, request.accountId, extra);
    },
    normalizeTransaction: normalizeSimpleFinTransaction,
    rawTransactionId: simpleFinRawTransactionId,
  };
}

/**
 * Where a sync's last window ends: the end of tomorrow (UTC), not the moment it runs. A
 * Bridge stamps a posting with a time of its day (the local server at noon, banks east of
 * UTC already on the next day), so a morning sync that stopped at "now" would miss a
 * posting while its pending record is gone, and the charge would vanish until noon.
 */
function feedEnd(untilMs: number): number {
  return (Math.floor(untilMs / 1000 / DAY_SECONDS) + 2) * DAY_SECONDS;
}

/** The earliest day of any transaction read so far in the feed. */
function earliestDay(f: Feed): string | undefined {
  let earliest: number | undefined;
  for (const answer of f.windows.values()) {
    for (const account of answer.accounts.values()) {
      for (const t of account.transactions) {
        if (typeof t !== 'object' || t === null) continue;
        for (const key of ['posted', 'transacted_at']) {
          const value: unknown = Reflect.get(t, key);
          if (typeof value === 'number' && value > 0 && (earliest === undefined || value < earliest)) earliest = value;
        }
      }
    }
  }
  return earliest === undefined ? undefined : dayOf(earliest);
}

function timeoutFrom(env: NodeJS.ProcessEnv): number {
  const text = env.FINAGG_SIMPLEFIN_TIMEOUT_MS;
  if (text === undefined || text === '') return DEFAULT_TIMEOUT_MS;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 100 || value > 600_000) {
    throw new AppError(
      'invalid_input',
      `FINAGG_SIMPLEFIN_TIMEOUT_MS: not a whole number of milliseconds from 100 to 600000 (got ${JSON.stringify(text.slice(0, 20))})`,
    );
  }
  return value;
}
