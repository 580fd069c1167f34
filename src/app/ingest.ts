import type { NormalizedTransaction } from '../core/bank-transaction';
import { addDays, utcDate } from '../core/dates';
import type { FetchState } from '../core/fetch-state';
import { type DedupePlan, type HashedRecord, type PendingLink, planPage } from '../core/dedupe';
import { createCategorizer } from '../core/categorize/categorizer';
import { type Categorization, type CategorizeSubject, categorizeWithRules } from '../core/rules/categorize-with-rules';
import { compileRules } from '../core/rules/rule-matcher';
import type { SyncCounts } from '../core/sync-run';
import { listRules } from '../storage/rules-repo';
import type { StoredFilter, SyncStore } from '../storage/sync-store';
import type { AppContext } from './context';
import { merchantKey } from '../core/recurring/payee-key';
import { addStageTime, timed, timedAsync } from './stage-times';
import { growHeapSlowly } from './heap-growth';
import type { PlanBasis } from '../core/plan-overlap';

/**
 * Steps 4 to 6 of the sync pipeline (DESIGN.md), shared by a bank sync and a statement
 * import: dedupe a batch of normalized records against what is stored, categorize the
 * new ones, and write it all in one immediate transaction.
 */

/** Where records come from, as dedupe needs to know it. */
export interface IngestSource {
  /** The bank id, or `manual` for statements: part of the content hash. */
  id: string;
  pendingLink: PendingLink;
  reissuesIds: boolean;
  /** The bank's ids are hints, not identities (BankProvider.idsUnstable). */
  idsUnstable?: boolean;
}

/** Step 5's categorizer: the person's rules, compiled once, above the built-in one. */
export async function storedCategorizer(ctx: AppContext): Promise<(subject: CategorizeSubject) => Categorization> {
  // The person's rules and the habits learned from their edits (learn-category.ts).
  const rules = await timedAsync('learning.rules', async () => compileRules(await listRules(ctx.db)));
  const builtin = createCategorizer();
  return (subject) => categorizeWithRules(rules, builtin, subject);
}

export interface IngestBatch {
  store: SyncStore;
  source: IngestSource;
  accountId: number;
  hashed: readonly HashedRecord[];
  removedIds: readonly string[];
  fetch: FetchState;
  /** Records of the run were rejected: what dedupe can only guess waits for the next sync. */
  held?: boolean;
  /** What the account may hold, to skip searching for what it cannot (the sync worker's). */
  stored?: StoredFilter;
}

/** Looks up the stored rows a batch may touch and plans it. Writes nothing. */
export function planBatch(ctx: Pick<AppContext, 'clock'>, batch: IngestBatch): DedupePlan {
  return lookUpAndPlan(ctx, batch).plan;
}

/**
 * As planBatch, with what the plan was made from, to tell later whether it still holds
 * (core/plan-overlap.ts) but for the ids, which lookedUpIds reads off the records. Only
 * a plan made a batch ahead needs this: it hashes every record.
 */
export function planBatchWithBasis(
  ctx: Pick<AppContext, 'clock'>,
  batch: IngestBatch,
): { plan: DedupePlan; basis: Omit<PlanBasis, 'ids' | 'hashes'>; hashes: bigint[] | null } {
  const { plan, stored, pendingFrom } = lookUpAndPlan(ctx, batch);
  const rows = new Set<number>();
  for (const r of stored.byProviderId.values()) rows.add(r.id);
  for (const r of stored.byHash.values()) rows.add(r.id);
  for (const r of stored.pendingRows) rows.add(r.id);
  const hashes = stored.asIs === true ? null : batch.hashed.map((h) => h.contentHash);
  return { plan, basis: { pendingFrom, rows: [...rows] }, hashes };
}

function lookUpAndPlan(ctx: Pick<AppContext, 'clock'>, batch: IngestBatch) {
  const records = batch.hashed;
  let earliest = '9999-12-31';
  for (const h of records) if (h.record.date < earliest) earliest = h.record.date;
  const pendingFrom = addDays(earliest === '9999-12-31' ? utcDate(ctx.clock.nowMs()) : earliest, -10);
  const stored = batch.store.lookup(batch.accountId, records, batch.removedIds, pendingFrom, batch.stored);
  const plan = planPage({
    pendingLink: batch.source.pendingLink,
    reissuesIds: batch.source.reissuesIds,
    idsUnstable: batch.source.idsUnstable,
    records,
    removedIds: batch.removedIds,
    stored,
    pendingSent: batch.fetch.pendingSent,
    held: batch.held,
  });
  return { plan, stored, pendingFrom };
}

export interface StoreBatch extends IngestBatch {
  categorize: (subject: CategorizeSubject) => Categorization;
  runId: number;
  rejected: readonly { raw: string; reason: string }[];
  /** The account's cursor after this batch (null: none); undefined leaves it alone. */
  cursor?: string | null;
  /** What the cursor carries of its fetch (core/fetch-state.ts); saved with it. */
  fetchState?: string | null;
  /** Audit reason of a withdrawn row. */
  removalReason?: string;
  /** Runs in the batch's transaction after its rows are stored (an import's splits). */
  onStored?: (plan: DedupePlan) => void;
  /**
   * The batch planned ahead (the sync worker): used when `holds()` says, inside the write
   * transaction, that nothing written since it was made changes it; planned again if not.
   */
  planned?: PlannedAhead;
}

/** A plan made a batch ahead, with the categories and payee keys of its inserts. */
export interface PlannedAhead {
  plan: DedupePlan;
  categories: Categorization[];
  payeeKeys: string[];
  holds: () => boolean;
}

/** Records applied per transaction (see the fetch loop in syncAccount). */
export const BATCH_RECORDS = 5000;

/**
 * Plans and writes a batch in one immediate transaction: another process syncing the
 * same account (the daemon, a person's sync) waits for the write lock and then sees
 * these rows, so nothing is stored twice. Adds the batch's decisions to `counts`.
 */
export function storeBatch(ctx: AppContext, batch: StoreBatch, counts: SyncCounts): DedupePlan {
  // A full batch: a history written batch after batch, and the heap is held close to what
  // is live. Not for a day's rows (a card's lookback is a thousand or so), which the forced
  // collection and the flags' fresh compiles of Node's modules slowed by 60 ms.
  if (batch.hashed.length >= BATCH_RECORDS) growHeapSlowly();
  const start = performance.now();
  let inside = 0;
  const plan = ctx.sqlite
    .transaction(() => {
      const ahead = batch.planned !== undefined && timed('plan.check', () => batch.planned!.holds());
      if (batch.planned !== undefined && !ahead) addStageTime('plan.again', 1);
      const plan = ahead ? batch.planned!.plan : timed('plan', () => planBatch(ctx, batch));
      const categories = ahead ? batch.planned!.categories : categorizeInserts(plan, batch.accountId, batch.categorize);
      const payeeKeys = ahead ? batch.planned!.payeeKeys : payeeKeysOf(plan, categories);
      const write = performance.now();
      batch.store.applyPage({
        accountId: batch.accountId,
        syncRunId: batch.runId,
        plan,
        categories,
        payeeKeys,
        rejected: batch.rejected,
        provider: batch.source.id,
        cursor: batch.cursor,
        fetchState: batch.fetchState ?? null,
        removalReason: batch.removalReason,
        nowIso: new Date(ctx.clock.nowMs()).toISOString(),
      });
      addStageTime('write', performance.now() - write);
      if (batch.onStored) timed('splits.statement', () => batch.onStored!(plan));
      inside = performance.now() - start;
      counts.inserted += plan.inserts.length;
      counts.updated += plan.updates.length;
      counts.removed += plan.removals.length;
      counts.deduplicated += plan.deduplicated;
      counts.rejected += batch.rejected.length;
      return plan;
    })
    .immediate();
  // Taking the write lock before, and the commit after.
  addStageTime('commit', performance.now() - start - inside);
  return plan;
}

/** The provider ids a batch's lookup asks for: its records' own, the pending ids they name, the withdrawn ones. */
export function lookedUpIds(records: readonly NormalizedTransaction[], removedIds: readonly string[]): string[] {
  const ids = records.map((r) => r.providerTxnId);
  for (const r of records) if (r.pendingTxnId) ids.push(r.pendingTxnId);
  ids.push(...removedIds);
  return ids;
}

/** Step 5 for a plan's inserts. */
export function categorizeInserts(
  plan: DedupePlan,
  accountId: number,
  categorize: (subject: CategorizeSubject) => Categorization,
): Categorization[] {
  return timed('categorize', () => plan.inserts.map(({ record }) => categorize({ ...record, accountId })));
}

/**
 * Recurring bills group rows by payee (core/recurring): each row's key, kept with it.
 * (The stage is not named for the key: the log redacts fields named like secrets.)
 */
export function payeeKeysOf(plan: DedupePlan, categories: readonly Categorization[]): string[] {
  return timed('recurring.payees', () =>
    plan.inserts.map(({ record }, i) => merchantKey(categories[i]!.merchant, record.description)),
  );
}

export type { NormalizedTransaction };
