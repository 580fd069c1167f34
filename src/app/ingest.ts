import type { NormalizedTransaction } from '../core/bank-transaction';
import { addDays, utcDate } from '../core/dates';
import type { FetchState } from '../core/fetch-state';
import { type DedupePlan, type HashedRecord, type PendingLink, planPage } from '../core/dedupe';
import { createCategorizer } from '../core/categorize/categorizer';
import { type Categorization, type CategorizeSubject, categorizeWithRules } from '../core/rules/categorize-with-rules';
import { compileRules } from '../core/rules/rule-matcher';
import type { SyncCounts } from '../core/sync-run';
import { listRules } from '../storage/rules-repo';
import type { SyncStore } from '../storage/sync-store';
import type { AppContext } from './context';
import { merchantKey } from '../core/recurring/payee-key';
import { addStageTime, timed, timedAsync } from './stage-times';
import { growHeapSlowly } from './heap-growth';

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
}

/** Looks up the stored rows a batch may touch and plans it. Writes nothing. */
export function planBatch(ctx: AppContext, batch: IngestBatch): DedupePlan {
  const records = batch.hashed;
  let earliest = '9999-12-31';
  for (const h of records) if (h.record.date < earliest) earliest = h.record.date;
  const stored = batch.store.lookup(
    batch.accountId,
    records,
    batch.removedIds,
    addDays(earliest === '9999-12-31' ? utcDate(ctx.clock.nowMs()) : earliest, -10),
  );
  return planPage({
    pendingLink: batch.source.pendingLink,
    reissuesIds: batch.source.reissuesIds,
    idsUnstable: batch.source.idsUnstable,
    records,
    removedIds: batch.removedIds,
    stored,
    pendingSent: batch.fetch.pendingSent,
    held: batch.held,
  });
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
}

/**
 * Plans and writes a batch in one immediate transaction: another process syncing the
 * same account (the daemon, a person's sync) waits for the write lock and then sees
 * these rows, so nothing is stored twice. Adds the batch's decisions to `counts`.
 */
export function storeBatch(ctx: AppContext, batch: StoreBatch, counts: SyncCounts): DedupePlan {
  growHeapSlowly();
  const start = performance.now();
  let inside = 0;
  const plan = ctx.sqlite
    .transaction(() => {
      const plan = timed('plan', () => planBatch(ctx, batch));
      const categories = timed('categorize', () =>
        plan.inserts.map(({ record }) => batch.categorize({ ...record, accountId: batch.accountId })),
      );
      // Recurring bills group rows by payee (core/recurring): each row's key, kept with it.
      // (The stage is not named for the key: the log redacts fields named like secrets.)
      const payeeKeys = timed('recurring.payees', () =>
        plan.inserts.map(({ record }, i) => merchantKey(categories[i]!.merchant, record.description)),
      );
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

export type { NormalizedTransaction };
