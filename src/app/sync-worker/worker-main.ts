import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createCategorizer } from '../../core/categorize/categorizer';
import { type CategorizeSubject, categorizeWithRules } from '../../core/rules/categorize-with-rules';
import { compileRules } from '../../core/rules/rule-matcher';
import { resumeFetchState } from '../../core/fetch-state';
import type { RawTransactionPage } from '../../providers/provider';
import { DB_FILE_NAME } from '../../storage/open-database';
import { openSqlite } from '../../storage/sqlite';
import { SyncStore } from '../../storage/sync-store';
import { cryptoRandom } from '../context';
import { growHeapSlowly } from '../heap-growth';
import type { DedupePlan } from '../../core/dedupe';
import { planStillHolds } from '../../core/plan-overlap';
import { BATCH_RECORDS, categorizeInserts, lookedUpIds, payeeKeysOf, planBatchWithBasis } from '../ingest';
import { prepareBatch, type Resume } from '../prepare-batch';
import { createSimulatedBanks } from '../simulated-banks';
import { takeStageTimes, timed, timedAsync } from '../stage-times';
import { toColumns, transferables } from './batch-columns';
import type { AccountFetch, FromWorker, ToWorker, WorkerSetup } from './protocol';
import { StoredKeys } from './stored-keys';

/** An account holding more rows than this when handed over is a resync: no keys are kept. */
const KEYS_MOST = 50_000;

/**
 * The sync's second core (DESIGN.md, the sync pipeline): fetches an account's pages from
 * a simulated bank, normalizes and counts them, and plans and categorizes each batch on
 * its own read-only connection while the sync writes the one before. It never writes:
 * the sync stays the one connection that does, and checks each plan against what it
 * wrote since (core/plan-overlap.ts).
 */
const setup = workerData as WorkerSetup;
const port = parentPort!;
let nowMs = Date.now();
const clock = { nowMs: () => nowMs, sleep: async () => {} };
const banks = createSimulatedBanks({ home: setup.home, clock, random: cryptoRandom, seed: setup.seed, env: setup.env });
const rules = compileRules(setup.rules);
const builtin = createCategorizer();
const categorize = (subject: CategorizeSubject) => categorizeWithRules(rules, builtin, subject);

const sqlite = openSqlite(path.join(setup.home, DB_FILE_NAME), { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 10000');
sqlite.pragma('cache_size = -8192');
const store = new SyncStore(sqlite);
post({ type: 'ready' });

/** Batches the sync has taken; a batch is planned only once the one before it is taken. */
let took = -1;
/** The sync has written the account's batches as planned here, and no other process wrote. */
let tookExact = true;
let tookWaiter: (() => void) | undefined;
const queue: AccountFetch[] = [];
let running = false;

port.on('message', (message: ToWorker) => {
  if (message.type === 'took') {
    took = Math.max(took, message.seq);
    if (!message.exact) tookExact = false;
    tookWaiter?.();
  } else {
    queue.push(message.fetch);
    if (!running) void drain();
  }
});

async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0) {
    const job = queue.shift()!;
    // The port keeps order: every `took` of the account before came ahead of this one's start.
    took = -1;
    tookExact = true;
    try {
      await fetchAccount(job);
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
  running = false;
}

async function untilTaken(seq: number): Promise<void> {
  while (took < seq) await new Promise<void>((resolve) => (tookWaiter = resolve));
  tookWaiter = undefined;
}

async function fetchAccount(job: AccountFetch): Promise<void> {
  growHeapSlowly();
  nowMs = job.nowMs;
  const provider = banks.get(job.providerId);
  if (!provider) throw new Error(`no simulated bank ${job.providerId}`);
  const fetch = resumeFetchState(job.carried);
  const resume: Resume = { cursor: job.cursor, carried: job.carried, held: false };
  let cursor = job.cursor;
  /** The plan sent for the batch before. */
  let sent: DedupePlan | undefined;
  /** What the account holds, while every batch is written as sent (stored-keys.ts). */
  let keys: StoredKeys | undefined;
  let keysGone = false;
  for (let seq = 0; ; seq++) {
    const pages: RawTransactionPage[] = [];
    let batched = 0;
    for (;;) {
      const page = await timedAsync('fetch', () =>
        provider.fetchTransactions(job.token, {
          accountId: job.providerAccountId,
          cursor,
          since: job.since,
          untilMs: job.untilMs,
          connectionAccountIds: job.connectionAccountIds,
        }),
      );
      if (page.incomplete) resume.held = true;
      pages.push(page);
      batched += page.added.length + page.modified.length + page.removed.length;
      cursor = page.nextCursor;
      if (batched >= BATCH_RECORDS || !page.hasMore) break;
    }
    const pendingBefore = new Set(fetch.pendingSent);
    const prepared = prepareBatch(provider, job.accountId, pages, fetch, resume);
    // The plan reads the store as of the last batch the sync has written, or the one it writes now.
    await untilTaken(seq - 1);
    const batch = {
      store,
      source: { id: job.providerId, ...job.source },
      fetch,
      hashed: prepared.hashed,
      removedIds: prepared.removedIds,
      accountId: job.accountId,
      held: resume.held,
    };
    // A batch planned again by the sync, or another process's write: the keys may lack
    // rows from then on, and the account's plans read the store for every record.
    if (!tookExact) {
      keys = undefined;
      keysGone = true;
    }
    const { plan, basis, hashes } = timed('plan', () =>
      sqlite.transaction(() => {
        // The second plan's read holds what the sync wrote before handing the account over;
        // the first plan's batch may be in it or not, and is added as it was sent.
        if (seq === 1 && !keysGone) {
          keys = StoredKeys.load(sqlite, job.accountId, KEYS_MOST);
          if (keys && sent) keys.addPlan(sent);
          keysGone = keys === undefined;
        }
        return planBatchWithBasis({ clock }, { ...batch, stored: keys });
      })(),
    );
    const records = prepared.hashed.map((h) => h.record);
    // Whether this plan holds once the batch before is written as planned (the sync checks
    // the rest: that it was, and that no other process wrote since).
    const before = sent;
    const holdsAfterSent =
      before === undefined
        ? null
        : timed('plan.check', () => planStillHolds({ ...basis, hashes, ids: lookedUpIds(records, prepared.removedIds) }, before));
    sent = plan;
    keys?.addPlan(plan);
    const categories = categorizeInserts(plan, job.accountId, categorize);
    const objects = {
      records,
      occurrences: prepared.hashed.map((h) => h.occurrence),
      hashes,
      plan,
      categories,
      payeeKeys: payeeKeysOf(plan, categories),
    };
    const columns = timed('columns', () => toColumns(objects));
    const last = !pages[pages.length - 1]!.hasMore;
    post(
      {
        type: 'batch',
        seq,
        planned: columns ? { columns } : { objects },
        rejected: prepared.rejected,
        removedIds: prepared.removedIds,
        fetched: prepared.fetched,
        pendingAdded: [...fetch.pendingSent].filter((id) => !pendingBefore.has(id)),
        resume: { ...resume },
        notices: pages.flatMap((p) => p.notices ?? []),
        basis,
        holdsAfterSent,
        last,
        stages: takeStageTimes(),
      },
      columns ? transferables(columns) : [],
    );
    if (last) return;
  }
}

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}
