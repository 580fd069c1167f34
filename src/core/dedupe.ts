import type { NormalizedTransaction } from './bank-transaction';
import { cleanDescriptor } from './categorize/clean-descriptor';
import { contentCounterKey, contentHash, contentKey, normalizeDescription, type OccurrenceCounter } from './content-hash';

/** How a bank tells us that a posted record replaces a pending one. */
export type PendingLink =
  | 'same_id' // the record keeps its id and flips its status (BankA)
  | 'names_pending' // the posted record names the pending id (BankB, Plaid)
  | 'none'; // no link: match by merchant, date and amount (BankC)

/** A stored row, as much of it as dedupe needs. */
export interface StoredTransaction {
  id: number;
  providerTxnId: string | null;
  contentHash: bigint;
  date: string;
  amountCents: number;
  description: string;
  merchant: string | null;
  pending: boolean;
  removed: boolean;
}

/** The stored rows a page may touch, looked up by the caller before planning. */
export interface StoredIndex {
  byProviderId: ReadonlyMap<string, StoredTransaction>;
  byHash: ReadonlyMap<bigint, StoredTransaction>;
  /** Pending rows of the account that a posted record of this page could settle. */
  pendingRows: readonly StoredTransaction[];
  /**
   * Set by a caller that found every record of the page naming, by its id, a row stored
   * as the record is (storedAsIs): a resync. The plan then reads only the rows of the
   * withdrawn ids, and the index need hold no others (see planStoredAsIs).
   */
  asIs?: boolean;
}

export interface PlannedInsert {
  record: NormalizedTransaction;
  contentHash: bigint;
  occurrence: number;
  /**
   * The provider id to store when it is not the record's: null when another row holds the
   * record's id (a bank with unstable ids gave it to this posting too).
   */
  storedId?: string | null;
}

export interface FieldChange {
  field: 'provider_txn_id' | 'date' | 'amount_cents' | 'description' | 'merchant' | 'pending' | 'removed';
  oldValue: string | number | null;
  newValue: string | number | null;
}

export interface PlannedUpdate {
  id: number;
  record: NormalizedTransaction;
  contentHash: bigint;
  occurrence: number;
  changes: FieldChange[];
  /** Why: `modified` (same id), `settled` (pending became posted), `reissued` (new id, same content). */
  reason: 'modified' | 'settled' | 'reissued';
  /** The provider id to store when it is not the record's (a bank with unstable ids: the row keeps its own). */
  storedId?: string | null;
}

export interface DedupePlan {
  inserts: PlannedInsert[];
  updates: PlannedUpdate[];
  /** Ids of stored rows the bank withdrew. */
  removals: number[];
  /** Records already stored as they are. */
  deduplicated: number;
  /** Records left for the next sync of a held run (see PlanInput.held). */
  deferred: number;
}

/** A record with its content hash, computed once per page for the lookup and the plan. */
export interface HashedRecord {
  record: NormalizedTransaction;
  /** The content key (see contentKey), kept to hash further occurrences. */
  readonly key: string;
  readonly contentHash: bigint;
  occurrence: number;
}

/**
 * A record of a fetch with its occurrence, counted in the bank's order; its content key
 * and hash are made the first time they are asked for, from the content it had when it
 * was counted. On a resync no one asks: each record meets its row by id, as it is
 * (SyncStore.lookup), and a million keys and SHA-256 digests were a tenth of the resync.
 */
class CountedRecord implements HashedRecord {
  private readonly date: string;
  private readonly amountCents: number;
  private readonly description: string;
  private keyText: string | undefined;
  private hash: bigint | undefined;

  constructor(
    readonly record: NormalizedTransaction,
    private readonly accountId: number,
    private readonly provider: string,
    readonly occurrence: number,
  ) {
    this.date = record.date;
    this.amountCents = record.amountCents;
    this.description = record.description;
  }

  get key(): string {
    this.keyText ??= contentKey(this.accountId, this.provider, {
      date: this.date,
      amountCents: this.amountCents,
      description: this.description,
    });
    return this.keyText;
  }

  get contentHash(): bigint {
    return (this.hash ??= contentHash(this.key, this.occurrence));
  }
}

/** A record counted elsewhere (the sync worker), as hashRecords made it: its hash made when asked. */
export function countedRecord(
  record: NormalizedTransaction,
  accountId: number,
  provider: string,
  occurrence: number,
): HashedRecord {
  return new CountedRecord(record, accountId, provider, occurrence);
}

/** Hashes a page's records; `occurrences` is shared by all pages of one fetch. */
export function hashRecords(
  accountId: number,
  provider: string,
  records: readonly NormalizedTransaction[],
  occurrences: OccurrenceCounter,
): HashedRecord[] {
  const out: HashedRecord[] = [];
  for (const record of records) {
    const occurrence = occurrences.nextOf(contentCounterKey(accountId, provider, record), record.date);
    out.push(new CountedRecord(record, accountId, provider, occurrence));
  }
  return out;
}

export interface PlanInput {
  pendingLink: PendingLink;
  /**
   * Whether the bank may re-issue ids, so that the content hash must be tried (pass 3).
   * For a bank with stable ids, a record that no id matches is new: its hash may equal a
   * stored one when a change feed holds only part of a day (two real identical coffees).
   */
  reissuesIds: boolean;
  records: readonly HashedRecord[];
  removedIds: readonly string[];
  stored: StoredIndex;
  /**
   * Ids of the pending records the bank has sent in this fetch so far (shared by its
   * pages, like the occurrence counter). A pending row whose id the bank still sends as
   * pending is still pending: no other record may settle it. Only pending ids are kept,
   * so the set stays small at a million records.
   */
  pendingSent: Set<string>;
  /**
   * The bank's ids are hints (BankProvider.idsUnstable): an id names a stored row only
   * while the record is still that row's posting, and no row takes a new id.
   */
  idsUnstable?: boolean;
  /**
   * Records of this run were rejected, so the next sync fetches these pages again. A
   * guess of pass 4 may then be wrong (the posting of the nearest pending row may be the
   * rejected record): unless the match is sure, the record waits for that sync.
   */
  held?: boolean;
}

/** A posted amount may differ from its pending one by a tip: up to 30%, or a dollar. */
export function withinTipTolerance(pendingCents: number, postedCents: number): boolean {
  if (Math.sign(pendingCents) !== Math.sign(postedCents)) return false;
  return Math.abs(postedCents - pendingCents) <= Math.max(100, Math.abs(pendingCents) * 0.3);
}

/** Days a pending charge may take to post. */
const SETTLE_WINDOW_DAYS = 7;

/**
 * Decides, for one page, which records are new, which change a stored row, and which
 * are already stored. Identity is tried in passes, strongest first, as in DESIGN.md:
 *
 * 1. the bank's id;
 * 2. a posted record that names its pending one;
 * 3. the content hash (with the occurrence number), which also catches re-issued ids;
 * 4. where the bank gives no link, a pending row of the same merchant a few days
 *    earlier whose amount is within a tip of the posted one.
 *
 * A stored row is matched at most once per page, so a weak match can never take a row
 * that a strong match already claimed, and two identical records never collapse into
 * one row.
 */
export function planPage(input: PlanInput): DedupePlan {
  if (input.stored.asIs === true) return planStoredAsIs(input);
  const { stored } = input;
  const plan: DedupePlan = { inserts: [], updates: [], removals: [], deduplicated: 0, deferred: 0 };
  const claimed = new Set<number>();
  const plannedHashes = new Set<bigint>();

  // An updated row takes the record's hash unless another row holds it already (the
  // unique index would refuse the page); then it keeps its own.
  const hashFor = (row: StoredTransaction, hash: bigint): bigint => {
    const holder = stored.byHash.get(hash);
    return (holder && holder.id !== row.id) || plannedHashes.has(hash) ? row.contentHash : hash;
  };

  /** The pending row becomes the posted record: one row, now posted, audited. */
  const unstable = input.idsUnstable === true;
  const changesOf = (row: StoredTransaction, record: NormalizedTransaction) => diff(row, record, !unstable);
  const keptId = (row: StoredTransaction) => (unstable ? { storedId: row.providerTxnId } : {});

  const settle = (row: StoredTransaction, { record, contentHash: hash, occurrence }: HashedRecord) => {
    plan.updates.push({
      id: row.id,
      record,
      contentHash: hashFor(row, hash),
      occurrence,
      changes: changesOf(row, record),
      reason: 'settled',
      ...keptId(row),
    });
    plannedHashes.add(hash);
  };

  const claim = (row: StoredTransaction | undefined): row is StoredTransaction => {
    if (!row || claimed.has(row.id)) return false;
    claimed.add(row.id);
    return true;
  };

  // Passes 1 to 3 for the whole page first, so that pass 4 sees every row the bank
  // still names before it guesses.
  for (const h of input.records) if (h.record.pending) input.pendingSent.add(h.record.providerTxnId);
  const seenInPage = new Set<string>();
  // 1. The bank's own id, for every record of the page before any weaker pass: a weaker
  // match (a hash shared by identical purchases) must not take the row that a later
  // record of the page names by its id.
  const unmatched: HashedRecord[] = [];
  for (const hashed of input.records) {
    const { record, contentHash: hash, occurrence } = hashed;
    if (seenInPage.has(record.providerTxnId)) {
      plan.deduplicated++; // the bank sent the same record twice in one page
      continue;
    }
    seenInPage.add(record.providerTxnId);
    const byId = stored.byProviderId.get(record.providerTxnId);
    // An unstable id that now names another posting leaves its row alone (see samePosting).
    if ((!unstable || (byId !== undefined && samePosting(byId, record))) && claim(byId)) {
      const changes = changesOf(byId, record);
      if (changes.length === 0) plan.deduplicated++;
      else
        plan.updates.push({
          id: byId.id,
          record,
          contentHash: hashFor(byId, hash),
          occurrence,
          changes,
          reason: byId.pending && !record.pending ? 'settled' : 'modified',
          ...keptId(byId),
        });
      plannedHashes.add(hash);
      continue;
    }
    unmatched.push(hashed);
  }

  // 2. A posted record naming the pending one it replaces, unless this fetch still
  // sends that one as pending (see pendingSent): otherwise the pages decide the rows.
  const unnamed: HashedRecord[] = [];
  for (const hashed of unmatched) {
    const { record } = hashed;
    if (!record.pending && record.pendingTxnId !== null && !input.pendingSent.has(record.pendingTxnId)) {
      const pendingRow = stored.byProviderId.get(record.pendingTxnId);
      if (pendingRow?.pending && claim(pendingRow)) {
        settle(pendingRow, hashed);
        continue;
      }
    }
    unnamed.push(hashed);
  }

  const leftovers: HashedRecord[] = [];
  for (const hashed of unnamed) {
    const { record, contentHash: hash, occurrence } = hashed;
    // 3. The same content under another id: a re-issued id.
    const byHash = input.reissuesIds ? stored.byHash.get(hash) : undefined;
    if (claim(byHash)) {
      const changes = changesOf(byHash, record);
      if (changes.length === 0) plan.deduplicated++;
      else
        plan.updates.push({
          id: byHash.id,
          record,
          contentHash: hash,
          occurrence,
          changes,
          reason: 'reissued',
          ...keptId(byHash),
        });
      plannedHashes.add(hash);
      continue;
    }
    leftovers.push(hashed);
  }

  const insertedIds = new Set<string>();
  for (const hashed of leftovers) {
    const { record, key, contentHash: hash, occurrence } = hashed;
    // 4. No link from the bank: settle the closest pending row of the same merchant
    // that the bank no longer lists as pending.
    if (!record.pending && input.pendingLink === 'none') {
      const pendingRow = closestPending(stored.pendingRows, record, claimed, input.pendingSent);
      // In a held run only a sure match settles now: one candidate, at its own amount.
      const unsure =
        pendingRow !== undefined &&
        (pendingRow.amountCents !== record.amountCents ||
          candidatePendings(stored.pendingRows, record, claimed, input.pendingSent) > 1);
      if (input.held && unsure) {
        plan.deferred++;
        continue;
      }
      if (pendingRow && !plannedHashes.has(hash) && claim(pendingRow)) {
        settle(pendingRow, hashed);
        continue;
      }
    }

    // A new record whose hash another row holds (a row this page claimed for another
    // record, or a change feed's partial day) is another real purchase: it takes the
    // next free occurrence, so identical purchases keep distinct hashes.
    let free = occurrence;
    let freeHash = hash;
    while (plannedHashes.has(freeHash) || stored.byHash.has(freeHash)) {
      free++;
      freeHash = contentHash(key, free);
    }
    plannedHashes.add(freeHash);
    // An unstable id another row holds (or a record of this page took) is not this row's.
    const idTaken = unstable && (stored.byProviderId.has(record.providerTxnId) || insertedIds.has(record.providerTxnId));
    insertedIds.add(record.providerTxnId);
    plan.inserts.push({ record, contentHash: freeHash, occurrence: free, ...(idTaken ? { storedId: null } : {}) });
  }

  for (const id of input.removedIds) {
    const row = stored.byProviderId.get(id);
    // A row settled by this very page has a new id now; its old pending id is gone.
    if (row && !row.removed && !claimed.has(row.id)) {
      claimed.add(row.id);
      plan.removals.push(row.id);
    }
  }
  return plan;
}

/**
 * planPage for a page whose every record names, by its id, a row stored as the record is
 * (StoredIndex.asIs), without its passes: pass 1 would match each record to the row of
 * its id and change nothing, deduplicating them all, and leave the later passes nothing.
 * A withdrawn id then removes its row unless a record of the page claimed it, that is
 * unless a record has that id. On a resync a record costs the store's comparison
 * (storedAsIs), not a plan.
 */
function planStoredAsIs(input: PlanInput): DedupePlan {
  const { records, stored } = input;
  for (const h of records) if (h.record.pending) input.pendingSent.add(h.record.providerTxnId);
  const plan: DedupePlan = { inserts: [], updates: [], removals: [], deduplicated: records.length, deferred: 0 };
  if (input.removedIds.length === 0) return plan;
  const claimed = new Set(records.map((h) => h.record.providerTxnId));
  for (const id of input.removedIds) {
    const row = stored.byProviderId.get(id);
    if (row && !row.removed && !claimed.has(id)) {
      claimed.add(id);
      plan.removals.push(row.id);
    }
  }
  return plan;
}

/** How many pending rows the posted record could have been (see closestPending). */
function candidatePendings(
  rows: readonly StoredTransaction[],
  posted: NormalizedTransaction,
  claimed: ReadonlySet<number>,
  stillSent: ReadonlySet<string>,
): number {
  const cleaned = cleanedWords();
  let n = 0;
  for (const row of rows) {
    if (!row.pending || row.removed || claimed.has(row.id)) continue;
    if (row.providerTxnId !== null && stillSent.has(row.providerTxnId)) continue;
    if (postingScore(row, posted, cleaned) !== undefined) n++;
  }
  return n;
}

function closestPending(
  rows: readonly StoredTransaction[],
  posted: NormalizedTransaction,
  claimed: ReadonlySet<number>,
  stillSent: ReadonlySet<string>,
): StoredTransaction | undefined {
  const cleaned = cleanedWords();
  let best: StoredTransaction | undefined;
  let bestScore = Infinity;
  for (const row of rows) {
    if (!row.pending || row.removed || claimed.has(row.id)) continue;
    if (row.providerTxnId !== null && stillSent.has(row.providerTxnId)) continue;
    const score = postingScore(row, posted, cleaned);
    if (score === undefined) continue;
    if (score < bestScore || (score === bestScore && best && row.id < best.id)) {
      best = row;
      bestScore = score;
    }
  }
  return best;
}

/** What a record needs to be matched with its pending or posted other half. */
export interface PostingCandidate {
  date: string;
  amountCents: number;
  description: string;
  merchant: string | null;
}

/**
 * The posted row a pending one most likely became (see postingScore). For carrying a
 * person's edits from a pending row the bank stopped listing to the posting stored
 * beside it.
 */
export function likelyPosting<T extends PostingCandidate>(pending: PostingCandidate, posted: readonly T[]): T | undefined {
  const cleaned = cleanedWords();
  let best: T | undefined;
  let bestScore = Infinity;
  for (const row of posted) {
    const score = postingScore(pending, row, cleaned);
    if (score !== undefined && score < bestScore) {
      best = row;
      bestScore = score;
    }
  }
  return best;
}

/**
 * How close `posted` comes to being the posting of `pending`: undefined when it cannot be
 * (dated before it or past the days a charge takes to post, beyond a tip, another
 * merchant), else lower is closer: the amount first, then the days.
 */
function postingScore(
  pending: PostingCandidate,
  posted: PostingCandidate,
  cleaned: (t: PostingCandidate) => string,
): number | undefined {
  if (posted.date < pending.date) return undefined;
  const days = daysBetween(pending.date, posted.date);
  if (days > SETTLE_WINDOW_DAYS || !withinTipTolerance(pending.amountCents, posted.amountCents)) return undefined;
  if (merchantName(pending) !== merchantName(posted)) {
    // Banks print a pending charge and its posting differently ("TST* CORNER BISTRO",
    // then "CORNER BISTRO SAN FRANCISCO CA"): the cleaned payee words decide.
    const words = cleaned(posted);
    if (words === '' || cleaned(pending) !== words) return undefined;
  }
  return Math.abs(posted.amountCents - pending.amountCents) * 100 + days;
}

/** A record's cleaned payee words, each cleaned once: only pairs that pass the cheap tests ask. */
function cleanedWords(): (t: PostingCandidate) => string {
  const known = new Map<PostingCandidate, string>();
  return (t) => {
    let words = known.get(t);
    if (words === undefined) {
      words = cleanDescriptor(t.description).text;
      known.set(t, words);
    }
    return words;
  };
}

function merchantName(t: { merchant: string | null; description: string }): string {
  return normalizeDescription(t.merchant ?? t.description);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a record a bank with unstable ids sends under a stored row's id is still that
 * row: a pending row, as the same pending charge or as its posting (within the days and
 * tip a posting may differ by); a posted row, only with its date, amount and text. Banks
 * renumber a day's entries, so an id alone would let one posting overwrite another.
 */
function samePosting(row: StoredTransaction, record: NormalizedTransaction): boolean {
  if (row.pending) return record.pending || postingScore(row, record, cleanedWords()) !== undefined;
  return (
    !record.pending &&
    row.date === record.date &&
    row.amountCents === record.amountCents &&
    normalizeDescription(row.description) === normalizeDescription(record.description)
  );
}

/**
 * Whether a row of the record's id, not removed, with these fields is the record as it
 * is: what pass 1 counts as deduplicated (diff finds no change). The store skips the
 * searches and the plan's passes for a page of such records (SyncStore.lookup).
 */
export function storedAsIs(
  record: NormalizedTransaction,
  date: string,
  amountCents: number,
  description: string,
  merchant: string | null,
  pending: boolean,
): boolean {
  return (
    date === record.date &&
    amountCents === record.amountCents &&
    description === record.description &&
    (record.merchant === null || merchant === record.merchant) &&
    !pending === !record.pending
  );
}

/** The stored fields that the bank's record changes (the id too, unless the row keeps its own). */
function diff(row: StoredTransaction, record: NormalizedTransaction, withId = true): FieldChange[] {
  // Compared in place, no closure: pass 1 diffs every record of a resync.
  const changes: FieldChange[] = [];
  if (withId) change(changes, 'provider_txn_id', row.providerTxnId, record.providerTxnId);
  change(changes, 'date', row.date, record.date);
  change(changes, 'amount_cents', row.amountCents, record.amountCents);
  change(changes, 'description', row.description, record.description);
  if (record.merchant !== null) change(changes, 'merchant', row.merchant, record.merchant);
  change(changes, 'pending', row.pending ? 1 : 0, record.pending ? 1 : 0);
  change(changes, 'removed', row.removed ? 1 : 0, 0);
  return changes;
}

function change(
  changes: FieldChange[],
  field: FieldChange['field'],
  oldValue: string | number | null,
  newValue: string | number | null,
): void {
  if (oldValue !== newValue) changes.push({ field, oldValue, newValue });
}
