import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { NormalizedTransaction } from '../core/bank-transaction';
import { type DedupePlan, type HashedRecord, type StoredIndex, type StoredTransaction, storedAsIs } from '../core/dedupe';
import type { Categorization } from '../core/rules/categorize-with-rules';
import { CATEGORY_SOURCE_CODE, MERCHANT_SOURCE_CODE, storedMs } from './transaction-columns';
import { PayeeIds } from './payees-repo';

/**
 * A stored row as the lookups read it: an array, and the content hash in two 32-bit
 * halves (high signed, low unsigned), so no column needs a BigInt. A resync reads a
 * million of them; as objects of BigInts they cost twice as much.
 */
type StoredRow = [
  id: number,
  providerTxnId: string | null,
  hashHigh: number,
  hashLow: number,
  date: string,
  amountCents: number,
  description: string,
  merchant: string | null,
  pending: number,
  removed: number,
];

/** Below this many records a page's ids are searched one by one rather than by a date scan. */
const RANGE_SCAN_MIN = 64;

const STORED_COLUMNS =
  'id, provider_txn_id, content_hash >> 32, content_hash & 4294967295, date, amount_cents, description, merchant, pending, removed';

/** A row as dedupe sees it; its hash becomes a BigInt when first asked for (a resync never asks). */
class LookedUpRow implements StoredTransaction {
  readonly id: number;
  readonly providerTxnId: string | null;
  readonly date: string;
  readonly amountCents: number;
  readonly description: string;
  readonly merchant: string | null;
  readonly pending: boolean;
  readonly removed: boolean;
  private readonly hashHigh: number;
  private readonly hashLow: number;
  private hash: bigint | undefined;

  constructor(row: StoredRow) {
    this.id = row[0];
    this.providerTxnId = row[1];
    this.hashHigh = row[2];
    this.hashLow = row[3];
    this.date = row[4];
    this.amountCents = row[5];
    this.description = row[6];
    this.merchant = row[7];
    this.pending = row[8] === 1;
    this.removed = row[9] === 1;
  }

  get contentHash(): bigint {
    return (this.hash ??= (BigInt(this.hashHigh) << 32n) + BigInt(this.hashLow));
  }
}

function rowToStored(row: StoredRow): StoredTransaction {
  return new LookedUpRow(row);
}

/**
 * What an account may hold, known without reading it: false only for a provider id or a
 * content hash no stored row has (the sync worker's StoredKeys). The lookup then skips
 * searching the indexes for them; what may be stored is searched as always.
 */
export interface StoredFilter {
  mayHoldId(id: string): boolean;
  mayHoldHash(hash: bigint): boolean;
}

export interface ApplyPageInput {
  accountId: number;
  syncRunId: number;
  plan: DedupePlan;
  /** The category of each planned insert, by position in `plan.inserts`. */
  categories: readonly Categorization[];
  /** The payee key of each planned insert (core/recurring/payee-key.ts), by position. */
  payeeKeys: readonly string[];
  rejected: readonly { raw: string; reason: string }[];
  provider: string;
  /** The account's cursor after the page (null: none); undefined leaves it (statement imports). */
  cursor?: string | null;
  /** What the cursor carries of its fetch, saved with it. */
  fetchState?: string | null;
  /** Audit reason of a withdrawn row. */
  removalReason?: string;
  nowIso: string;
}

/**
 * The sync's hot path, on prepared statements: look up what a page may touch, then
 * apply the page in one immediate transaction (rows, audit, quarantine, cursor), so a
 * crash leaves all of a page or none of it, and the cursor never runs ahead of the data.
 */
export class SyncStore {
  private readonly byIds: Statement;
  private readonly byHashes: Statement;
  private readonly inDateRange: Statement;
  private readonly inDatesAsIs: Statement;
  private readonly pendingSince: Statement;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly remove: Statement;
  private readonly audit: Statement;
  private readonly quarantine: Statement;
  private readonly cursor: Statement;
  private readonly payees: PayeeIds;

  constructor(private readonly sqlite: SqliteDatabase) {
    this.payees = new PayeeIds(sqlite);
    // json_each takes a whole page of keys in one statement; 64-bit hashes are written
    // into the JSON as exact integer digits.
    this.byIds = sqlite
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM transactions WHERE account_id = ? AND provider_txn_id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true);
    this.byHashes = sqlite
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM transactions WHERE account_id = ? AND content_hash IN (SELECT value FROM json_each(?))`,
      )
      .raw(true);
    this.inDateRange = sqlite
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM transactions INDEXED BY transactions_account_date
         WHERE account_id = ? AND date BETWEEN ? AND ? AND removed = 0 LIMIT ?`,
      )
      .raw(true);
    this.inDatesAsIs = sqlite
      .prepare(
        `SELECT provider_txn_id, date, amount_cents, description, merchant, pending FROM transactions
         INDEXED BY transactions_account_date WHERE account_id = ? AND date BETWEEN ? AND ? AND removed = 0 LIMIT ?`,
      )
      .raw(true);
    this.pendingSince = sqlite
      .prepare(`SELECT ${STORED_COLUMNS} FROM transactions WHERE account_id = ? AND pending = 1 AND removed = 0 AND date >= ?`)
      .raw(true);
    this.insert = sqlite.prepare(
      `INSERT INTO transactions (account_id, provider_txn_id, pending_txn_id, content_hash, occurrence, date, amount_cents,
         currency, description, merchant, merchant_src, category, category_src, rule_id, provider_category, pending,
         memo, sync_run_id, created_ms, updated_ms, payee_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A person's own merchant name, or a rule's, survives the bank's changes.
    this.update = sqlite.prepare(
      `UPDATE transactions SET provider_txn_id = ?, pending_txn_id = coalesce(?, pending_txn_id), content_hash = ?, occurrence = ?,
         date = ?, amount_cents = ?, description = ?, memo = coalesce(?, memo),
         merchant = CASE WHEN merchant_source IN ('user', 'rule') OR ? IS NULL THEN merchant ELSE ? END,
         pending = ?, removed = 0, removed_at = NULL, sync_run_id = ?, updated_ms = ?
       WHERE id = ?`,
    );
    this.remove = sqlite.prepare(
      'UPDATE transactions SET removed = 1, removed_at = ?, updated_ms = ? WHERE id = ? AND removed = 0',
    );
    this.audit = sqlite.prepare(
      "INSERT INTO audit_log (transaction_id, field, old_value, new_value, source, reason, at) VALUES (?, ?, ?, ?, 'sync', ?, ?)",
    );
    this.quarantine = sqlite.prepare(
      'INSERT INTO quarantine (account_id, sync_run_id, provider, raw, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.cursor = sqlite.prepare('UPDATE accounts SET sync_cursor = ?, sync_fetch_state = ?, updated_at = ? WHERE id = ?');
  }

  /** The stored rows that the records of a page could be. */
  lookup(
    accountId: number,
    page: readonly HashedRecord[],
    removedIds: readonly string[],
    earliestDate: string,
    filter?: StoredFilter,
  ): StoredIndex {
    // A page's records are close in time, and on a resync their rows lie in one stretch
    // of the account's date index: one sequential scan reads them faster than thousands
    // of index searches by id.
    const [from, to] = page.length >= RANGE_SCAN_MIN ? dateSpan(page) : [undefined, undefined];
    // A resync: every record's row is in the scan, stored as the record is. Pass 1 of the
    // plan then matches each record by its id and changes nothing, so nothing reaches the
    // rows that the pending ids name, that share a hash, or that wait pending (passes 2
    // to 4): the plan needs only the withdrawn ids' rows (see planStoredAsIs).
    if (from !== undefined && this.scannedAsIs(accountId, page, from, to)) {
      const byProviderId = new Map<string, StoredTransaction>();
      if (removedIds.length > 0) {
        for (const row of this.byIds.all(accountId, JSON.stringify(removedIds)) as StoredRow[]) {
          const stored = rowToStored(row);
          byProviderId.set(stored.providerTxnId!, stored);
        }
      }
      return { byProviderId, byHash: new Map(), pendingRows: [], asIs: true };
    }
    const byProviderId = new Map<string, StoredTransaction>();
    const byHash = new Map<bigint, StoredTransaction>();
    const found = (stored: StoredTransaction) => {
      byProviderId.set(stored.providerTxnId!, stored);
      byHash.set(stored.contentHash, stored);
    };
    const ids = [
      ...page.map((h) => h.record.providerTxnId),
      ...page.flatMap((h) => (h.record.pendingTxnId ? [h.record.pendingTxnId] : [])),
      ...removedIds,
    ];
    // The scan is bounded; whatever it does not find (a new record, a changed date, a
    // removed row) is searched by id below.
    if (from !== undefined) {
      const wanted = new Set(ids);
      for (const row of this.inDateRange.all(accountId, from, to, page.length * 2) as StoredRow[]) {
        if (wanted.has(row[1]!)) found(rowToStored(row));
      }
    }
    // A first sync's ids are new: the filter says so without a search of the index each.
    const missing = ids.filter((id) => !byProviderId.has(id) && (filter === undefined || filter.mayHoldId(id)));
    if (missing.length > 0)
      for (const row of this.byIds.all(accountId, JSON.stringify(missing)) as StoredRow[]) found(rowToStored(row));
    // A record whose id found its row with the same content needs no hash search: only
    // new, changed or re-issued records can meet another row by content. On a resync,
    // where nearly every record is stored as it is, this halves the index searches.
    const hashes = page.filter(
      (h) =>
        byProviderId.get(h.record.providerTxnId)?.contentHash !== h.contentHash &&
        (filter === undefined || filter.mayHoldHash(h.contentHash)),
    );
    if (hashes.length > 0) {
      for (const row of this.byHashes.all(accountId, `[${hashes.map((h) => h.contentHash).join(',')}]`) as StoredRow[]) {
        const stored = rowToStored(row);
        byHash.set(stored.contentHash, stored);
        if (stored.providerTxnId !== null && !byProviderId.has(stored.providerTxnId))
          byProviderId.set(stored.providerTxnId, stored);
      }
    }
    const pendingRows = (this.pendingSince.all(accountId, earliestDate) as StoredRow[]).map(rowToStored);
    return { byProviderId, byHash, pendingRows };
  }

  /**
   * Whether the page's dates hold a row for every record of the page, by its id, stored
   * as the record is. The scan reads only what that takes (no hash, no row id: a million
   * rows are read on a resync, and each value read costs). Rows come in the date index's
   * order, which is mostly the order the bank sent them in: they are matched in step,
   * and by id only when the orders part.
   */
  private scannedAsIs(accountId: number, page: readonly HashedRecord[], from: string, to: string): boolean {
    const rows = this.inDatesAsIs.all(accountId, from, to, page.length * 2) as ScannedRow[];
    return inStepAsIs(rows, page) || byIdAsIs(rows, page);
  }

  /** Applies a planned page and moves the cursor, all or nothing. */
  applyPage(input: ApplyPageInput): void {
    const { accountId, syncRunId, plan, nowIso } = input;
    const nowMs = storedMs(nowIso);
    const apply = () => {
      this.payees.forget();
      plan.inserts.forEach((p, i) => {
        const r = p.record;
        const c = input.categories[i]!;
        this.insert.run(
          accountId,
          p.storedId !== undefined ? p.storedId : r.providerTxnId,
          r.pendingTxnId,
          p.contentHash,
          p.occurrence,
          r.date,
          r.amountCents,
          r.currency,
          r.description,
          c.merchant,
          MERCHANT_SOURCE_CODE[c.merchantSource],
          c.category,
          CATEGORY_SOURCE_CODE[c.source],
          c.ruleId,
          r.providerCategory,
          r.pending ? 1 : 0,
          r.memo ?? null,
          syncRunId,
          nowMs,
          nowMs,
          this.payees.idOf(input.payeeKeys[i]!),
        );
      });
      for (const u of plan.updates) {
        const r = u.record;
        this.update.run(
          u.storedId !== undefined ? u.storedId : r.providerTxnId,
          r.pendingTxnId,
          u.contentHash,
          u.occurrence,
          r.date,
          r.amountCents,
          r.description,
          r.memo ?? null,
          r.merchant,
          r.merchant,
          r.pending ? 1 : 0,
          syncRunId,
          nowMs,
          u.id,
        );
        for (const change of u.changes) {
          this.audit.run(u.id, change.field, auditValue(change.oldValue), auditValue(change.newValue), u.reason, nowIso);
        }
      }
      for (const id of plan.removals) {
        if (this.remove.run(nowIso, nowMs, id).changes > 0)
          this.audit.run(id, 'removed', '0', '1', input.removalReason ?? 'withdrawn by the bank', nowIso);
      }
      for (const q of input.rejected) this.quarantine.run(accountId, syncRunId, input.provider, q.raw, q.reason, nowIso);
      if (input.cursor !== undefined) this.cursor.run(input.cursor, input.fetchState ?? null, nowIso, accountId);
    };
    // Within the caller's transaction (storeBatch's), which is all or nothing already, a
    // transaction of its own would be a savepoint: SQLite then keeps a copy of every page
    // the batch changes in case the savepoint alone is undone. That was 2.5 s of the 20 s
    // a million-row first sync spends writing.
    if (this.sqlite.inTransaction) apply();
    else this.sqlite.transaction(apply).immediate();
  }
}

/** A row as SyncStore.scannedAsIs reads it (never a removed one). */
type ScannedRow = [
  providerTxnId: string | null,
  date: string,
  amountCents: number,
  description: string,
  merchant: string | null,
  pending: number,
];

function scannedRowAsIs(row: ScannedRow, record: NormalizedTransaction): boolean {
  return storedAsIs(record, row[1], row[2], row[3], row[4], row[5] === 1);
}

/** The records, from the row of the first one on, each the next row, stored as it is. */
function inStepAsIs(rows: readonly ScannedRow[], page: readonly HashedRecord[]): boolean {
  const first = page[0]!.record.providerTxnId;
  let j = 0;
  while (j < rows.length && rows[j]![0] !== first) j++;
  if (rows.length - j < page.length) return false;
  for (const { record } of page) {
    const row = rows[j++]!;
    if (row[0] !== record.providerTxnId || !scannedRowAsIs(row, record)) return false;
  }
  return true;
}

/**
 * Every record with a row of its id, stored as it is, and no id twice in the page: a row
 * is matched once per page, so a second record of one id is the passes' to judge.
 */
function byIdAsIs(rows: readonly ScannedRow[], page: readonly HashedRecord[]): boolean {
  const byId = new Map<string, ScannedRow>();
  for (const row of rows) if (row[0] !== null) byId.set(row[0], row);
  const seen = new Set<string>();
  return page.every(({ record }) => {
    if (seen.has(record.providerTxnId)) return false;
    seen.add(record.providerTxnId);
    const row = byId.get(record.providerTxnId);
    return row !== undefined && scannedRowAsIs(row, record);
  });
}

/** The first and last date of a page's records. */
function dateSpan(page: readonly HashedRecord[]): [string, string] {
  let [from, to] = [page[0]!.record.date, page[0]!.record.date];
  for (const { record } of page) {
    if (record.date < from) from = record.date;
    else if (record.date > to) to = record.date;
  }
  return [from, to];
}

function auditValue(value: string | number | null): string | null {
  return value === null ? null : String(value);
}
