import type { NormalizedTransaction } from '../core/bank-transaction';
import type { Categorization, CategorizeSubject } from '../core/rules/categorize-with-rules';
import { addDays, utcDate } from '../core/dates';
import { hashRecords } from '../core/dedupe';
import { AppError } from '../core/errors';
import { MAX_ATTEMPTS, retryDelayMs } from '../core/retry';
import { type SyncCounts, type SyncRun, type SyncTrigger, zeroCounts } from '../core/sync-run';
import { NormalizeError, ProviderError } from '../providers/errors';
import {
  ALL_HISTORY,
  type BankProvider,
  type ProviderNotice,
  type RawTransactionPage,
  type RequestMeter,
} from '../providers/provider';
import { stripUrlCredentials } from '../security/redact';
import { findAccountRef } from '../storage/accounts-repo';
import { listConnections, setConnectionStatus } from '../storage/connections-repo';
import { SyncStore } from '../storage/sync-store';
import { finishSyncRun, startSyncRun } from '../storage/sync-runs-repo';
import type { AppContext } from './context';
import { type FetchState, resumeFetchState } from '../core/fetch-state';
import { countedRecord, type DedupePlan } from '../core/dedupe';
import { planStillHolds } from '../core/plan-overlap';
import { listRules } from '../storage/rules-repo';
import { prepareBatch, type PreparedBatch, type Resume } from './prepare-batch';
import { fromColumns } from './sync-worker/batch-columns';
import { SyncWorker } from './sync-worker/sync-worker';
import os from 'node:os';
import { BATCH_RECORDS, lookedUpIds, storeBatch, storedCategorizer } from './ingest';
import { addStageTime, timed, timedAsync } from './stage-times';
import { ListedPending } from './listed-pending';
import { budgetSpentReason, connectionBudget, connectionMeter } from './request-budget';
import { budgetDay, budgetStatus } from '../core/request-budget';
import { spendAccountSync, useUpAccountSyncs } from '../storage/request-budget-repo';
import { accessTokenFor } from './tokens';

/** Days each sync reaches back before the last one, so pending records that settled are seen again. */
export const OVERLAP_DAYS = 10;
/** The sync connection's page cache while the worker plans (see fetchAhead). */
const WRITER_CACHE_KB = 32 * 1024;

export interface SyncRequest {
  /** Account id or name; all accounts when absent. */
  account?: string;
  /** Connection id or bank id. */
  connection?: string;
  /** Refetch the whole history window, ignoring cursors. */
  full: boolean;
  trigger: SyncTrigger;
  onProgress?: (progress: SyncProgress) => void;
  /** Aborted: finish the pages in hand, then stop (accounts not begun are not synced). */
  signal?: AbortSignal;
  /** Told of a bank failure that ended an account's sync (the daemon backs off by it). */
  onProviderError?: (connectionId: number, error: ProviderError) => void;
  /**
   * Awaited after every page. The simulated banks answer without I/O, so a sync never
   * returns to the event loop on its own; the dashboard passes a macrotask yield here so
   * that it keeps drawing and reading keys while a sync runs.
   */
  betweenPages?: () => Promise<void>;
}

export interface SyncProgress {
  accountId: number;
  accountName: string;
  provider: string;
  fetched: number;
  inserted: number;
  /** Set when the account is done. */
  status?: SyncRun['status'];
}

interface SyncAccount {
  id: number;
  name: string;
  providerAccountId: string;
  syncCursor: string | null;
  /** What the cursor carries of the fetch it is part of (core/fetch-state.ts). */
  syncFetchState: string | null;
  syncedThrough: string | null;
}

/**
 * The sync pipeline of DESIGN.md for every selected account, connection by connection.
 * One failing account or bank never stops the others: its run says `failed` with the
 * reason. Stored data changes only a whole page at a time.
 */
export async function syncAccounts(ctx: AppContext, request: SyncRequest): Promise<SyncRun[]> {
  const accountFilter = request.account === undefined ? undefined : await resolveAccount(ctx, request.account);
  const connections = (await listConnections(ctx.db, { includeRevoked: false })).filter(
    (c) =>
      request.connection === undefined || String(c.id) === request.connection || c.provider === request.connection.toLowerCase(),
  );
  if (request.connection !== undefined && connections.length === 0) {
    throw new AppError('not_found', `no linked connection ${JSON.stringify(request.connection)}`, 'see finagg connections');
  }
  const store = new SyncStore(ctx.sqlite);
  const categorize = await storedCategorizer(ctx);
  const runs: SyncRun[] = [];
  let starting: Promise<SyncWorker | undefined> | undefined;
  let started: SyncWorker | undefined;
  const workerFor = async (provider: BankProvider) => {
    starting ??= listRules(ctx.db).then(
      (rules) => (started = SyncWorker.for(provider, rules, process.env, os.availableParallelism(), ctx.sqlite)),
    );
    const worker = await starting;
    return worker?.serves(provider) ? worker : undefined;
  };
  try {
    for (const connection of connections) {
      if (request.signal?.aborted) break;
      const accounts = (
        await ctx.db
          .selectFrom('accounts')
          .select(['id', 'name', 'provider_account_id', 'sync_cursor', 'sync_fetch_state', 'synced_through'])
          .where('connection_id', '=', connection.id)
          .where('closed', '=', 0)
          .orderBy('id')
          .execute()
      )
        .filter((a) => accountFilter === undefined || a.id === accountFilter)
        .map((a) => ({
          id: a.id,
          name: a.name,
          providerAccountId: a.provider_account_id!,
          syncCursor: a.sync_cursor,
          syncFetchState: a.sync_fetch_state,
          syncedThrough: a.synced_through,
        }));
      if (accounts.length === 0) continue;
      const provider = ctx.providers.get(connection.provider);
      const skip = async (reason: string, waiting = false) => {
        for (const account of accounts)
          runs.push(await recordSkipped(ctx, account, connection.id, request.trigger, reason, waiting));
      };
      if (!provider) {
        await skip(`the bank ${connection.provider} is not available in this finagg`);
        continue;
      }
      if (connection.status === 'needs_relink') {
        await skip(relinkReason(provider, connection.id));
        continue;
      }
      // A consent that has ended is not tried: the bank would refuse, and only the person can renew it.
      if (connection.consentExpiresAt !== null && Date.parse(connection.consentExpiresAt) <= ctx.clock.nowMs()) {
        const reason = `the consent ended on ${connection.consentExpiresAt.slice(0, 10)}: ${relinkReason(provider, connection.id)}`;
        await setConnectionStatus(ctx.db, connection.id, 'needs_relink', reason, iso(ctx.clock.nowMs()));
        await skip(reason);
        continue;
      }
      // Over the provider's daily budget nothing is asked: the sync says when it may be.
      const budget = connectionBudget(ctx, connection.id, provider);
      if (budget && budget.left === 0) {
        await skip(budgetSpentReason(provider, budget, ctx.clock.nowMs()), true);
        continue;
      }
      const session = new BankSession(ctx, connection.id, provider);
      const feed: ConnectionFeed = {
        untilMs: ctx.clock.nowMs(),
        accountIds: accountFilter === undefined ? undefined : accounts.map((a) => a.providerAccountId),
        notices: [],
      };
      let relink = false;
      let connectionFailure: string | undefined;
      const firstRun = runs.length;
      for (const account of accounts) {
        if (request.signal?.aborted) break;
        if (relink) {
          runs.push(
            await recordSkipped(
              ctx,
              account,
              connection.id,
              request.trigger,
              relinkReason(provider, connection.id, session.relinkWhy),
            ),
          );
          continue;
        }
        // PSD2: a bank may refuse a fifth read of an account a day without the person; finagg
        // counts its own and does not ask once the day's are used.
        const perAccount = provider.limits?.syncsPerAccountPerDay;
        const nowMs = ctx.clock.nowMs();
        if (perAccount !== undefined && !spendAccountSync(ctx.sqlite, account.id, budgetDay(nowMs), perAccount)) {
          const spent = budgetStatus(perAccount, { day: budgetDay(nowMs), used: perAccount }, nowMs);
          runs.push(
            await recordSkipped(ctx, account, connection.id, request.trigger, budgetSpentReason(provider, spent, nowMs), true),
          );
          continue;
        }
        // One answer for all accounts failed: asking again for the next would fail the same
        // way and spend more of the provider's daily requests.
        if (connectionFailure !== undefined) {
          runs.push(await recordSkipped(ctx, account, connection.id, request.trigger, `not tried: ${connectionFailure}`));
          continue;
        }
        const run = await syncAccount(ctx, {
          worker: () => workerFor(provider),
          started: () => (started?.serves(provider) && started.ready ? started : undefined),
          store,
          categorize,
          session,
          provider,
          account,
          connectionId: connection.id,
          request,
          feed,
        });
        runs.push(run);
        relink = session.needsRelink;
        if (provider.answersFor === 'connection' && run.status === 'failed') connectionFailure = run.error ?? 'the bank failed';
      }
      await finishConnection(ctx, connection.id, provider, session, runs.slice(firstRun), feed);
    }
    return runs;
  } finally {
    await (await starting?.catch(() => undefined))?.close();
  }
}

/** What the accounts of one connection share in a sync: its end, its selection, what the bank said. */
interface ConnectionFeed {
  untilMs: number;
  /** The bank ids of the accounts synced, when the sync is limited to some. */
  accountIds: readonly string[] | undefined;
  /** Notices that ask the person to act (kept on the connection). */
  notices: ProviderNotice[];
}

/** Holds one connection's access token for the sync, refreshing it when the bank says so. */
class BankSession {
  needsRelink = false;
  /** What the bank said when it refused the access (an expired or revoked consent). */
  relinkWhy: string | undefined;
  private token: string | undefined;
  private readonly meter: RequestMeter | undefined;

  constructor(
    private readonly ctx: AppContext,
    readonly connectionId: number,
    readonly provider: BankProvider,
  ) {
    this.meter = connectionMeter(ctx, connectionId, provider);
  }

  /** The connection's access token (for the sync worker, which asks the bank itself). */
  async accessToken(): Promise<string> {
    this.token ??= await accessTokenFor(this.ctx, this.connectionId, this.provider);
    return this.token;
  }

  /**
   * Runs a bank request with retries: transient failures (rate limit, timeout, down)
   * wait and try again a bounded number of times, through the injected clock; an expired
   * token is refreshed once.
   */
  async call<T>(request: (token: string, meter: RequestMeter | undefined) => Promise<T>): Promise<T> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        this.token ??= await accessTokenFor(this.ctx, this.connectionId, this.provider);
        return await request(this.token, this.meter);
      } catch (error) {
        if (error instanceof AppError && error.code === 'needs_relink') this.needsRelink = true;
        if (!(error instanceof ProviderError)) throw error;
        if (error.kind === 'token_expired' && !refreshed) {
          refreshed = true;
          this.token = await accessTokenFor(this.ctx, this.connectionId, this.provider, { forceRefresh: true });
          continue;
        }
        if (error.kind === 'login_required') {
          this.needsRelink = true;
          this.relinkWhy = error.message;
          throw error;
        }
        if (!error.transient || attempt >= MAX_ATTEMPTS) throw error;
        const wait = retryDelayMs(attempt, error.retryAfterMs);
        this.ctx.log.log('info', 'sync.retry', { provider: this.provider.id, kind: error.kind, attempt, wait_ms: wait });
        await this.ctx.clock.sleep(wait);
      }
    }
  }
}

interface AccountJob {
  /** The sync's worker thread for this bank, started when first asked (undefined where it cannot help). */
  worker: () => Promise<SyncWorker | undefined>;
  /** That worker, once it has loaded. */
  started: () => SyncWorker | undefined;
  store: SyncStore;
  categorize: (subject: CategorizeSubject) => Categorization;
  session: BankSession;
  provider: BankProvider;
  account: SyncAccount;
  connectionId: number;
  request: SyncRequest;
  feed: ConnectionFeed;
}

async function syncAccount(ctx: AppContext, job: AccountJob): Promise<SyncRun> {
  const { session, provider, account, request } = job;
  const started = ctx.clock.nowMs();
  // Elapsed time from the monotonic timer: a fixed FINAGG_NOW clock does not move.
  const startedTimer = performance.now();
  const runId = await startSyncRun(ctx.db, {
    accountId: account.id,
    connectionId: job.connectionId,
    trigger: request.trigger,
    startedAt: iso(started),
  });
  const counts = zeroCounts();
  const today = utcDate(started);
  // Windows start at a day boundary and overlap the last sync, so a pending record that
  // settled since is fetched again and can replace its pending row.
  const since = request.full || account.syncedThrough === null ? ALL_HISTORY : addDays(account.syncedThrough, -OVERLAP_DAYS);
  let cursor = request.full ? null : account.syncCursor;
  // Taken up from a saved cursor: identical records go on being counted where they stopped.
  const carried = cursor === null ? null : account.syncFetchState;
  let fetch = resumeFetchState(carried);
  const resume: Resume = { cursor, carried, held: false };
  const notices: ProviderNotice[] = [];
  const listed = provider.listsAllPending ? new ListedPending(provider) : undefined;
  let error: string | null = null;
  const progress = (status?: SyncRun['status']) =>
    request.onProgress?.({
      accountId: account.id,
      accountName: account.name,
      provider: provider.id,
      fetched: counts.fetched,
      inserted: counts.inserted,
      status,
    });
  let batch: RawTransactionPage[] = [];
  let batched = 0;
  /** The bank refused a read for today (PSD2's daily limit): a skipped run, not a failure. */
  let limited = false;
  try {
    // Bank pages are gathered into batches of a few thousand records and each batch is
    // applied in one transaction: committing every 250-record page wrote each dirty
    // index page to the WAL again and again (4.8x slower at a million rows). A crash
    // still leaves a whole batch or none of it, and the cursor is the batch's last.
    // A whole history from a simulated bank that fills more than its first batch goes on
    // a batch ahead on the second core (sync-worker/), from where that batch left it, as
    // a sync resumed from its cursor would; if the worker fails, the sync goes on here.
    let handOver =
      since === ALL_HISTORY && cursor === null && request.betweenPages === undefined && provider.limits === undefined;
    let loading = false;
    let done = false;
    /**
     * Hands the rest of the history to a loaded worker, after `first` (a batch fetched
     * here, written while the worker fetches the next) if any; false when the worker is
     * not ready. Where the worker stopped, this thread goes on from its cursor.
     */
    const handTo = async (first: PreparedBatch | undefined): Promise<boolean> => {
      const worker = handOver ? job.started() : undefined;
      if (!worker) return false;
      handOver = false;
      done = await fetchAhead(ctx, job, worker, runId, fetch, counts, resume, notices, progress, first);
      cursor = resume.cursor;
      fetch = resumeFetchState(resume.carried);
      return true;
    };
    // A worker already loaded (by an account before in this sync) takes the whole history
    // from its first page: this thread would otherwise fetch, plan and categorize the
    // first batch itself, cold, while the worker idled. A history of one batch costs it
    // one message.
    await handTo(undefined);
    while (!done) {
      const page = await timedAsync('fetch', () =>
        session.call((token, meter) =>
          provider.fetchTransactions(
            token,
            {
              accountId: account.providerAccountId,
              cursor,
              since,
              untilMs: job.feed.untilMs,
              connectionAccountIds: job.feed.accountIds,
            },
            meter,
          ),
        ),
      );
      notices.push(...(page.notices ?? []));
      listed?.see(page);
      // The bank said the page may lack records: the next sync covers it again.
      if (page.incomplete) resume.held = true;
      batch.push(page);
      batched += page.added.length + page.modified.length + page.removed.length;
      cursor = page.nextCursor;
      // Asked to stop (the daemon got SIGTERM): the pages in hand are applied, whole, and
      // the cursor saved with them; the next sync goes on from there.
      const stopping = request.signal?.aborted === true;
      if (batched >= BATCH_RECORDS || !page.hasMore || stopping) {
        const prepared = prepareBatch(provider, account.id, batch, fetch, resume);
        batch = [];
        batched = 0;
        handOver &&= page.hasMore && !stopping && !resume.held;
        // A history longer than one batch: the worker's thread loads (~0.4 s on the second
        // core) while this one goes on writing; the first batch after it is ready is handed
        // over. A history of one batch never starts it.
        if (handOver && !loading) {
          loading = true;
          void job.worker().catch(() => undefined);
        }
        // The bank's pages resolve without a turn of the event loop: one turn lets the
        // worker's word that it is ready arrive.
        if (handOver) await new Promise((resolve) => setImmediate(resolve));
        // Once loaded, the worker takes over from a full batch's cursor before that batch is
        // written here: it fetches and plans the batch after while this one is written. A
        // history of one batch stays here, as it would have.
        if (await handTo(prepared)) continue;
        storePrepared(ctx, job, runId, prepared, fetch, counts, resume);
        progress();
      }
      if (!page.hasMore) done = true;
      else if (stopping) throw new SyncStopped();
      else await request.betweenPages?.();
    }
    // A whole, clean fetch: pending rows it no longer lists are gone (see ListedPending).
    if (listed && !resume.held) counts.removed += listed.sweep(ctx, account.id, runId);
    // With records rejected, the next sync covers this window again (see Resume).
    const syncedThrough = !resume.held ? today : request.full ? null : account.syncedThrough;
    await ctx.db
      .updateTable('accounts')
      .set({ synced_through: syncedThrough, last_synced_at: iso(ctx.clock.nowMs()) })
      .where('id', '=', account.id)
      .execute();
  } catch (caught) {
    // Out of the day's requests part way: the whole pages in hand are kept, with their
    // cursor, so the requests they cost are not spent again tomorrow.
    const spent = caught instanceof ProviderError && (caught.kind === 'budget_exhausted' || caught.kind === 'daily_limit');
    if (spent && batch.length > 0) {
      applyPages(ctx, job, runId, batch, fetch, counts, resume);
      batch = [];
    }
    if (caught instanceof ProviderError && caught.kind === 'daily_limit') {
      // Not a failure and not a lost consent: the bank counts its own reads; none is
      // asked again today, and the next sync says when it may.
      limited = true;
      const nowMs = ctx.clock.nowMs();
      const limit = provider.limits?.syncsPerAccountPerDay ?? 4;
      useUpAccountSyncs(ctx.sqlite, account.id, budgetDay(nowMs), limit);
      const status = budgetStatus(limit, { day: budgetDay(nowMs), used: limit }, nowMs);
      notices.push({
        code: 'daily_limit',
        message: `${provider.name}: the bank refused another read today (${caught.message}); ${budgetSpentReason(provider, status, nowMs)}`,
        attention: false,
      });
      ctx.log.log('info', 'sync.daily_limit', { account_id: account.id, provider: provider.id });
    } else {
      error =
        caught instanceof SyncStopped
          ? 'stopped before the end; the next sync goes on from here'
          : describeFailure(provider, caught, job.connectionId);
      if (caught instanceof ProviderError) request.onProviderError?.(job.connectionId, caught);
      ctx.log.log('warn', 'sync.failed', { account_id: account.id, provider: provider.id, error });
    }
  }
  const finished = ctx.clock.nowMs();
  // Held: records were rejected, or the bank said a page may lack some (see Resume).
  const status = limited ? 'skipped' : error !== null ? 'failed' : resume.held ? 'partial' : 'success';
  job.feed.notices.push(...notices.filter((n) => n.attention));
  const run = await finishSyncRun(ctx.db, runId, {
    ...counts,
    status,
    finishedAt: iso(finished),
    durationMs: Math.round(performance.now() - startedTimer),
    error: error === null ? null : stripUrlCredentials(error),
    note: noteOf(notices),
  });
  progress(status);
  return run;
}

class SyncStopped extends Error {}

/**
 * The account's whole history through the sync worker: each batch arrives fetched,
 * normalized, counted, planned and categorized, and is written here in one transaction
 * as any batch is. The worker plans batch N+1 while batch N is written, on a read of the
 * store without N: the plan is used only if N wrote nothing it could have found and no
 * other process has written since (PRAGMA data_version), and is made again here if not.
 * Returns false when the worker failed: `resume` says where the sync goes on.
 */
async function fetchAhead(
  ctx: AppContext,
  job: AccountJob,
  worker: SyncWorker,
  runId: number,
  fetch: FetchState,
  counts: SyncCounts,
  resume: Resume,
  notices: ProviderNotice[],
  progress: () => void,
  first: PreparedBatch | undefined,
): Promise<boolean> {
  const { provider, account, request } = job;
  const dataVersion = () => ctx.sqlite.pragma('data_version', { simple: true }) as number;
  // The store's version after the sync's last two writes (before the first, as it began):
  // the worker read it for batch N after the write of N-2 at least.
  const versions = [dataVersion(), dataVersion()];
  let previous: DedupePlan | undefined;
  /** The worker's plan of the batch before (previous is it when the sync wrote it as planned). */
  let sentBefore: DedupePlan | undefined;
  /** Every batch written as the worker planned it (none planned again here: no other process wrote). */
  let exact = true;
  worker.start({
    providerId: provider.id,
    token: await job.session.accessToken(),
    accountId: account.id,
    providerAccountId: account.providerAccountId,
    since: ALL_HISTORY,
    untilMs: job.feed.untilMs,
    connectionAccountIds: job.feed.accountIds,
    cursor: resume.cursor,
    carried: resume.carried,
    nowMs: ctx.clock.nowMs(),
    source: { pendingLink: provider.pendingLink, reissuesIds: provider.reissuesIds, idsUnstable: provider.idsUnstable },
  });
  worker.checkpointer.engage();
  // The worker plans; this connection only writes, and the pages a batch writes are spread
  // over every index, beyond any cache: the OS's serves them as fast. A million-row first
  // sync took as long with 32 MiB as with 64, and peaked 40 MB lower.
  const cacheKept = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
  ctx.sqlite.pragma(`cache_size = ${-WRITER_CACHE_KB}`);
  try {
    // The batch the worker starts after is written here while it fetches the next: the
    // worker's first plan may have been made without it, and is checked against it.
    if (first) {
      previous = storePrepared(ctx, job, runId, first, fetch, counts, resume);
      worker.checkpointer.committed();
      progress();
    }
    for (;;) {
      const message = await timedAsync('worker.wait', () => worker.next());
      if (message.type === 'failed') {
        ctx.log.log('warn', 'sync.worker_failed', { account_id: account.id, provider: provider.id, error: message.message });
        return false;
      }
      // Before the worker reads for its next plan: a read begun with the log fully copied
      // keeps none of it, so the write after can start the log over (wal-checkpointer.ts).
      await timedAsync('checkpoint.wait', () => worker.checkpointer.beforeWrite());
      worker.took(message.seq, exact);
      for (const [stage, ms] of Object.entries(message.stages)) addStageTime(`worker.${stage}`, ms);
      notices.push(...message.notices);
      for (const id of message.pendingAdded) fetch.pendingSent.add(id);
      const seen = versions[0]!;
      const written = previous;
      const writtenAsSent = written !== undefined && written === sentBefore;
      let inside = seen;
      const planned = timed('worker.take', () =>
        'columns' in message.planned ? fromColumns(message.planned.columns) : message.planned.objects,
      );
      const hashed = planned.records.map((record, i) => countedRecord(record, account.id, provider.id, planned.occurrences[i]!));
      previous = storeBatch(
        ctx,
        {
          store: job.store,
          source: provider,
          accountId: account.id,
          hashed,
          removedIds: message.removedIds,
          held: message.resume.held,
          fetch,
          categorize: job.categorize,
          runId,
          rejected: message.rejected,
          cursor: message.resume.cursor,
          fetchState: message.resume.carried,
          planned: {
            plan: planned.plan,
            categories: planned.categories,
            payeeKeys: planned.payeeKeys,
            // Asked first inside the write transaction: no other process commits until it ends,
            // so the version read here is the store's as this batch leaves it.
            holds: () => {
              inside = dataVersion();
              if (inside !== seen) return false;
              if (written === undefined) return true;
              // The worker checked against the plan it sent, which is the one written.
              if (writtenAsSent && message.holdsAfterSent !== null) return message.holdsAfterSent;
              const basis = {
                ...message.basis,
                hashes: planned.hashes,
                ids: lookedUpIds(planned.records, message.removedIds),
              };
              return planStillHolds(basis, written);
            },
          },
        },
        counts,
      );
      sentBefore = planned.plan;
      if (previous !== planned.plan) exact = false;
      worker.checkpointer.committed();
      versions.shift();
      versions.push(inside);
      Object.assign(resume, message.resume);
      counts.fetched += message.fetched;
      progress();
      if (message.last) return true;
      // Asked to stop: what is written stays, with its cursor; the batch the worker has ahead is dropped.
      if (request.signal?.aborted === true) throw new SyncStopped();
    }
  } catch (error) {
    // The worker is left mid-account (a failed write, a stop): it serves no other account.
    await worker.close();
    throw error;
  } finally {
    worker.checkpointer.release();
    ctx.sqlite.pragma(`cache_size = ${cacheKept}`);
  }
}

/**
 * Applies a batch of bank pages as one: their added records in order, then their
 * modified ones, and the last page's cursor.
 */
function applyPages(
  ctx: AppContext,
  job: AccountJob,
  runId: number,
  pages: readonly RawTransactionPage[],
  fetch: FetchState,
  counts: SyncCounts,
  resume: Resume,
): void {
  storePrepared(ctx, job, runId, prepareBatch(job.provider, job.account.id, pages, fetch, resume), fetch, counts, resume);
}

/** Writes a prepared batch (see applyPages); its plan. */
function storePrepared(
  ctx: AppContext,
  job: AccountJob,
  runId: number,
  prepared: PreparedBatch,
  fetch: FetchState,
  counts: SyncCounts,
  resume: Resume,
): DedupePlan {
  const { provider, account } = job;
  const plan = storeBatch(
    ctx,
    {
      store: job.store,
      source: provider,
      accountId: account.id,
      hashed: prepared.hashed,
      removedIds: prepared.removedIds,
      held: resume.held,
      fetch,
      categorize: job.categorize,
      runId,
      rejected: prepared.rejected,
      cursor: resume.cursor,
      fetchState: resume.carried,
    },
    counts,
  );
  counts.fetched += prepared.fetched;
  return plan;
}

/** Balances after the pages, and the health of the connection. */
async function finishConnection(
  ctx: AppContext,
  connectionId: number,
  provider: BankProvider,
  session: BankSession,
  runs: SyncRun[],
  feed: ConnectionFeed,
): Promise<void> {
  const nowIso = iso(ctx.clock.nowMs());
  if (session.needsRelink) {
    await setConnectionStatus(
      ctx.db,
      connectionId,
      'needs_relink',
      relinkReason(provider, connectionId, session.relinkWhy),
      nowIso,
    );
    return;
  }
  const synced = runs.filter((r) => r.status === 'success' || r.status === 'partial');
  if (synced.length > 0) {
    try {
      const raw = await session.call((token, meter) => provider.fetchAccounts(token, meter));
      for (const item of raw) {
        try {
          const a = provider.normalizeAccount(item);
          await ctx.db
            .updateTable('accounts')
            .set({
              balance_cents: a.balanceCents,
              available_balance_cents: a.availableBalanceCents ?? null,
              balance_date: a.balanceDate ?? null,
              balance_at: nowIso,
              name: a.name,
              updated_at: nowIso,
            })
            .where('connection_id', '=', connectionId)
            .where('provider_account_id', '=', a.providerAccountId)
            .execute();
        } catch (error) {
          if (!(error instanceof NormalizeError)) throw error;
        }
      }
    } catch (error) {
      // Balances can wait for the next sync; the transactions are stored.
      ctx.log.log('warn', 'sync.balances_failed', { provider: provider.id, error: describeFailure(provider, error) });
    }
  }
  const failed = runs.find((r) => r.status === 'failed');
  await ctx.db
    .updateTable('connections')
    .set({
      status: failed ? 'error' : 'active',
      last_error: failed?.error ?? null,
      notice: noteOf(feed.notices),
      ...(synced.length > 0 ? { last_synced_at: nowIso } : {}),
      updated_at: nowIso,
    })
    .where('id', '=', connectionId)
    .execute();
}

async function recordSkipped(
  ctx: AppContext,
  account: SyncAccount,
  connectionId: number,
  trigger: SyncTrigger,
  reason: string,
  /** Not a failure: the sync waits for the provider's budget (the reason is a note, not an error). */
  waiting = false,
): Promise<SyncRun> {
  const now = iso(ctx.clock.nowMs());
  const id = await startSyncRun(ctx.db, { accountId: account.id, connectionId, trigger, startedAt: now });
  return finishSyncRun(ctx.db, id, {
    ...zeroCounts(),
    status: 'skipped',
    finishedAt: now,
    durationMs: 0,
    error: waiting ? null : reason,
    note: waiting ? reason : null,
  });
}

async function resolveAccount(ctx: AppContext, ref: string): Promise<number> {
  const found = await findAccountRef(ctx.db, ref);
  if (!found) throw new AppError('not_found', `no account ${JSON.stringify(ref)}`, 'see finagg accounts');
  return found.id;
}

/** One line for the sync log and the person: what failed, and what to do. */
function describeFailure(provider: BankProvider, error: unknown, connectionId?: number): string {
  if (error instanceof ProviderError) {
    switch (error.kind) {
      case 'login_required':
        return relinkReason(provider, connectionId, error.message);
      case 'application_refused':
        return `${provider.name} refused finagg's application (${error.message}); check the app id and key, then link again with --app-id and --key-file`;
      case 'payment_required':
        return `${error.message}; renew it, then sync again`;
      case 'budget_exhausted':
        return error.message;
      case 'rate_limited':
        return `${provider.name} kept refusing: too many requests (tried ${MAX_ATTEMPTS} times)`;
      case 'timeout':
        return `${provider.name} did not answer (tried ${MAX_ATTEMPTS} times)`;
      case 'institution_down':
        return `${provider.name} is down (tried ${MAX_ATTEMPTS} times)`;
      default:
        return `${provider.name}: ${error.message}`;
    }
  }
  if (error instanceof AppError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Why a connection needs the person, and the command that repairs it. */
function relinkReason(provider: BankProvider, connectionId?: number, said?: string): string {
  switch (provider.link.method) {
    case 'setup_token':
      return `${provider.name} refused finagg's access (revoked or disabled): make a new setup token and run finagg link ${provider.id}`;
    case 'redirect_consent':
      return `${said ?? 'the consent has ended'}; renew it: finagg link ${provider.id} --relink ${connectionId ?? '<connection>'}`;
    default:
      return `${provider.name} asks you to log in again: finagg link ${provider.id}`;
  }
}

/** The notices of a run as one line: each message once, bounded. */
function noteOf(notices: readonly ProviderNotice[]): string | null {
  const messages = [...new Set(notices.map((n) => n.message))];
  if (messages.length === 0) return null;
  const text = messages.join('; ');
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

const iso = (ms: number) => new Date(ms).toISOString();
