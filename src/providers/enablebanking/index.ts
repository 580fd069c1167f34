import type { Clock } from '../../core/clock';
import { OccurrenceCounter } from '../../core/content-hash';
import { addDays, utcDate } from '../../core/dates';
import { ProviderError } from '../errors';
import type { AppCredentials, RedirectConsentLink } from '../link-method';
import {
  ALL_HISTORY,
  type BankProvider,
  type FetchTransactionsRequest,
  type ProviderNotice,
  type RawTransactionPage,
  type RequestMeter,
} from '../provider';
import { displayText } from '../../core/display-text';
import { createApi, EnableBankingError, PROVIDER } from './client';
import { createConsentLink } from './consent';
import { accountTag, DONE, type Listing, readCursor, writeCursor } from './cursor';
import { createJwtSigner } from './jwt';
import {
  enableBankingRawTransactionId,
  LEFT_OUT_STATUSES,
  normalizeEnableBankingAccount,
  normalizeEnableBankingTransaction,
  occurrenceFacts,
  rawStatus,
} from './normalize';
import {
  balancesAnswerSchema,
  type EnableBankingAccountRecord,
  type EnableBankingTransactionRecord,
  transactionsAnswerSchema,
} from './schema';
import { type EnableBankingSecret, readSecret, type SecretAccount } from './secret';

/**
 * Enable Banking: PSD2 access to European banks through the person's own application.
 * The secret is a consent session (secret.ts); every request is signed by the
 * application (jwt.ts); a bank allows four unattended reads of an account a day, so a
 * sync of an account spends one read on its transactions (all pages) and one on its
 * balances, and nothing else.
 */

export interface EnableBankingOptions {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** The person's application, opened from where the caller sealed it; asked for on each data call. */
  app: () => Promise<AppCredentials>;
}

/** A first sync asks this far back, then less when the bank refuses the period. */
const HISTORY_DAYS = [730, 365, 180, 90] as const;
/** PSD2's limit of unattended accesses of an account a day. */
const SYNCS_PER_ACCOUNT_PER_DAY = 4;
/** A listing of more pages than this is a server that never ends one. */
const MAX_PAGES = 5_000;
/** Listings whose full occurrence counts are kept in memory (the cursor carries only its last days'). */
const REMEMBERED_LISTINGS = 8;

const STATUS_WORDS: Readonly<Record<string, string>> = {
  CNCL: 'cancelled',
  RJCT: 'rejected',
  SCHD: 'scheduled',
  OTHR: 'of another status',
  INFO: 'for information only',
};

export function createEnableBanking(options: EnableBankingOptions): BankProvider & { link: RedirectConsentLink } {
  const api = createApi({ env: options.env, clock: options.clock, signer: createJwtSigner(options.clock) });
  /**
   * The whole occurrence counts of listings in progress, by the cursor that goes on with
   * them: within one process, records of a day that come back on a later page are
   * counted on, even where a bank does not list in date order.
   */
  const remembered = new Map<string, [string, number, number][]>();
  const remember = (cursor: string, counter: OccurrenceCounter) => {
    remembered.delete(cursor);
    remembered.set(cursor, [...counter.between('0000-01-01', '9999-12-31')]);
    while (remembered.size > REMEMBERED_LISTINGS) remembered.delete(remembered.keys().next().value!);
  };

  function accountOf(secret: EnableBankingSecret, key: string): SecretAccount {
    const account = secret.accounts.find((a) => a.key === key);
    if (!account) {
      throw new ProviderError(
        PROVIDER,
        'login_required',
        'this account is not in the consent of the Enable Banking session: link the bank again to include it',
      );
    }
    return account;
  }

  async function listTransactions(
    app: AppCredentials,
    secret: EnableBankingSecret,
    uid: string,
    listing: Pick<Listing, 'dateFrom' | 'history'> & { continuation: string | null },
    meter: RequestMeter | undefined,
  ) {
    meter?.spend();
    const json = await api.call(app, {
      method: 'GET',
      path: `/accounts/${encodeURIComponent(uid)}/transactions`,
      query: {
        date_from: listing.dateFrom,
        // Every page of a listing is asked with the same parameters, its key added.
        strategy: listing.history ? 'longest' : undefined,
        continuation_key: listing.continuation ?? undefined,
      },
      what: 'the transactions',
      hide: [uid, secret.session_id],
    });
    const answer = transactionsAnswerSchema.safeParse(json);
    if (!answer.success) {
      throw new ProviderError(
        PROVIDER,
        'institution_down',
        'Enable Banking answered with something that is not a list of transactions',
      );
    }
    return answer.data;
  }

  type ListingAnswer = Awaited<ReturnType<typeof listTransactions>>;

  /** The bank refused how far back the listing asked. */
  const periodRefused = (error: unknown): boolean =>
    error instanceof EnableBankingError &&
    (error.code === 'WRONG_TRANSACTIONS_PERIOD' ||
      ((error.status === 400 || error.status === 422) && /date_from/i.test(error.serverText)));

  async function fetchTransactions(
    secretText: string,
    request: FetchTransactionsRequest,
    meter?: RequestMeter,
  ): Promise<RawTransactionPage> {
    const secret = readSecret(secretText);
    const account = accountOf(secret, request.accountId);
    const app = await options.app();
    const today = utcDate(options.clock.nowMs());
    const tag = accountTag(request.accountId);

    const fresh = (dateFrom: string, history: boolean): Listing => ({
      account: tag,
      dateFrom,
      continuation: '',
      history,
      earliest: null,
      leftOut: {},
      pages: 0,
      counts: [],
      span: null,
    });
    const ask = (listing: Listing, continuation: string | null) =>
      listTransactions(app, secret, account.uid, { ...listing, continuation }, meter);

    /** The listing this page belongs to, its counts so far, and the page. */
    async function page(): Promise<{ listing: Listing; counter: OccurrenceCounter; answer: ListingAnswer }> {
      const resumed = readCursor(request.cursor);
      if (resumed && resumed.account === tag) {
        const counter = new OccurrenceCounter(remembered.get(request.cursor!) ?? resumed.counts);
        try {
          return { listing: resumed, counter, answer: await ask(resumed, resumed.continuation) };
        } catch (error) {
          if (!(error instanceof EnableBankingError && error.code === 'WRONG_CONTINUATION_KEY')) throw error;
          // The key went stale (an old cursor): the listing starts over from the same day, counted afresh.
          const listing = fresh(resumed.dateFrom, resumed.history);
          return { listing, counter: new OccurrenceCounter(), answer: await ask(listing, null) };
        }
      }
      if (request.since > ALL_HISTORY) {
        const listing = fresh(request.since < today ? request.since : today, false);
        return { listing, counter: new OccurrenceCounter(), answer: await ask(listing, null) };
      }
      // A first or full sync: as far back as the bank gives, asking for less when it refuses.
      for (let i = 0; ; i++) {
        const listing = fresh(addDays(today, -HISTORY_DAYS[i]!), true);
        try {
          return { listing, counter: new OccurrenceCounter(), answer: await ask(listing, null) };
        } catch (error) {
          if (i + 1 >= HISTORY_DAYS.length || !periodRefused(error)) throw error;
        }
      }
    }
    const { listing, counter, answer } = await page();

    listing.pages += 1;
    if (listing.pages > MAX_PAGES) {
      throw new ProviderError(
        PROVIDER,
        'institution_down',
        `Enable Banking kept sending pages of transactions (more than ${MAX_PAGES})`,
      );
    }

    // The wrappers, in the bank's order: identical reference-less records are numbered as they come.
    const added: EnableBankingTransactionRecord[] = [];
    let from: string | undefined;
    let to: string | undefined;
    for (const transaction of answer.transactions) {
      const status = rawStatus(transaction);
      if (typeof status === 'string' && LEFT_OUT_STATUSES.has(status)) {
        listing.leftOut[status] = (listing.leftOut[status] ?? 0) + 1;
        continue;
      }
      // A record that does not normalize is still handed on: the sync quarantines it with its reason.
      const facts = occurrenceFacts(transaction);
      let occurrence = 0;
      if (facts) {
        if (listing.earliest === null || facts.date < listing.earliest) listing.earliest = facts.date;
        if (facts.key !== null) {
          occurrence = counter.next(facts.key, facts.date);
          if (from === undefined || facts.date < from) from = facts.date;
          if (to === undefined || facts.date > to) to = facts.date;
        }
      }
      added.push({ transaction, occurrence });
    }

    const next = answer.continuation_key ?? '';
    const notices: ProviderNotice[] = [];
    let nextCursor = DONE;
    if (next !== '') {
      if (from !== undefined && to !== undefined) listing.span = [from, to];
      const span = listing.span;
      nextCursor = writeCursor({
        ...listing,
        continuation: next,
        counts: span === null ? [] : [...counter.between(span[0], span[1])],
      });
      remember(nextCursor, counter);
    } else {
      if (request.cursor !== null) remembered.delete(request.cursor);
      const leftOut = leftOutNotice(listing.leftOut);
      if (leftOut) notices.push(leftOut);
      if (listing.history) {
        const bank = displayText(secret.bank.name, 60) || 'the bank';
        notices.push({
          code: 'history',
          message: `history from ${listing.earliest ?? listing.dateFrom}: as far back as ${bank} gives`,
          attention: false,
        });
      }
    }
    return {
      added,
      modified: [],
      removed: [],
      nextCursor,
      hasMore: next !== '',
      notices,
      // Each listing gives every pending record of its period, from the day it was asked from.
      coversFrom: listing.dateFrom,
    };
  }

  return {
    id: PROVIDER,
    name: 'Enable Banking',
    kind: 'bank',
    link: createConsentLink(api),
    limits: { syncsPerAccountPerDay: SYNCS_PER_ACCOUNT_PER_DAY },
    // Each account is read on its own: one refused account says nothing of the others.
    answersFor: 'account',
    listsAllPending: true,
    // A booked record never names the pending one it replaces.
    pendingLink: 'none',
    // entry_reference may change when a pending entry books, and some banks renumber a day.
    reissuesIds: true,
    idsUnstable: true,

    async fetchAccounts(secretText, meter) {
      const secret = readSecret(secretText);
      const app = await options.app();
      const records: EnableBankingAccountRecord[] = [];
      for (const account of secret.accounts) {
        // Without a key the account cannot be stored; its normalizing says why, without a request.
        if (account.key === null) {
          records.push({ account: account.resource, balances: [] });
          continue;
        }
        meter?.spend();
        let json: unknown;
        try {
          json = await api.call(app, {
            method: 'GET',
            path: `/accounts/${encodeURIComponent(account.uid)}/balances`,
            what: 'the balances',
            hide: [account.uid, secret.session_id],
          });
        } catch (error) {
          // The bank's reads of this account are used for today: its balance waits for
          // tomorrow's sync, and the other accounts' are still read.
          if (error instanceof ProviderError && error.kind === 'daily_limit') continue;
          throw error;
        }
        const answer = balancesAnswerSchema.safeParse(json);
        if (!answer.success) {
          throw new ProviderError(
            PROVIDER,
            'institution_down',
            'Enable Banking answered with something that is not a list of balances',
          );
        }
        records.push({ account: account.resource, balances: answer.data.balances });
      }
      return records;
    },
    normalizeAccount: normalizeEnableBankingAccount,
    fetchTransactions,
    normalizeTransaction: normalizeEnableBankingTransaction,
    rawTransactionId: enableBankingRawTransactionId,
  };
}

function leftOutNotice(leftOut: Readonly<Record<string, number>>): ProviderNotice | undefined {
  const parts = Object.entries(leftOut)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${STATUS_WORDS[status] ?? status}`);
  if (parts.length === 0) return undefined;
  const total = Object.values(leftOut).reduce((a, b) => a + b, 0);
  return {
    code: 'left-out',
    message: `left out ${total} record${total === 1 ? '' : 's'} that ${total === 1 ? 'is' : 'are'} neither booked nor pending: ${parts.join(', ')}`,
    attention: false,
  };
}

export { checkCredentials } from './credentials';
