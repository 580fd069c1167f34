import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { DedupePlan, HashedRecord, StoredIndex, StoredTransaction } from '../core/dedupe';
import type { Categorization } from '../core/rules/categorize-with-rules';

interface StoredRow {
  id: bigint;
  provider_txn_id: string | null;
  content_hash: bigint;
  date: string;
  amount_cents: bigint;
  description: string;
  merchant: string | null;
  pending: bigint;
  removed: bigint;
}

/** Below this many records a page's ids are searched one by one rather than by a date scan. */
const RANGE_SCAN_MIN = 64;

const STORED_COLUMNS = 'id, provider_txn_id, content_hash, date, amount_cents, description, merchant, pending, removed';

function rowToStored(row: StoredRow): StoredTransaction {
  return {
    id: Number(row.id),
    providerTxnId: row.provider_txn_id,
    contentHash: row.content_hash,
    date: row.date,
    amountCents: Number(row.amount_cents),
    description: row.description,
    merchant: row.merchant,
    pending: row.pending === 1n,
    removed: row.removed === 1n,
  };
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
  private readonly pendingSince: Statement;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly remove: Statement;
  private readonly audit: Statement;
  private readonly quarantine: Statement;
  private readonly cursor: Statement;

  constructor(private readonly sqlite: SqliteDatabase) {
    // json_each takes a whole page of keys in one statement; 64-bit hashes are written
    // into the JSON as exact integer digits.
    this.byIds = sqlite
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM transactions WHERE account_id = ? AND provider_txn_id IN (SELECT value FROM json_each(?))`,
      )
      .safeIntegers(true);
    this.byHashes = sqlite
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM transactions WHERE account_id = ? AND content_hash IN (SELECT value FROM json_each(?))`,
      )
      .safeIntegers(true);
    this.inDateRange = sqlite
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM transactions INDEXED BY transactions_account_date
         WHERE account_id = ? AND date BETWEEN ? AND ? AND removed = 0 LIMIT ?`,
      )
      .safeIntegers(true);
    this.pendingSince = sqlite
      .prepare(`SELECT ${STORED_COLUMNS} FROM transactions WHERE account_id = ? AND pending = 1 AND removed = 0 AND date >= ?`)
      .safeIntegers(true);
    this.insert = sqlite.prepare(
      `INSERT INTO transactions (account_id, provider_txn_id, pending_txn_id, content_hash, occurrence, date, amount_cents,
         currency, description, merchant, merchant_source, category, category_source, rule_id, provider_category, pending,
         memo, sync_run_id, created_at, updated_at, payee_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A person's own merchant name, or a rule's, survives the bank's changes.
    this.update = sqlite.prepare(
      `UPDATE transactions SET provider_txn_id = ?, pending_txn_id = coalesce(?, pending_txn_id), content_hash = ?, occurrence = ?,
         date = ?, amount_cents = ?, description = ?, memo = coalesce(?, memo),
         merchant = CASE WHEN merchant_source IN ('user', 'rule') OR ? IS NULL THEN merchant ELSE ? END,
         pending = ?, removed = 0, removed_at = NULL, sync_run_id = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.remove = sqlite.prepare(
      'UPDATE transactions SET removed = 1, removed_at = ?, updated_at = ? WHERE id = ? AND removed = 0',
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
  lookup(accountId: number, page: readonly HashedRecord[], removedIds: readonly string[], earliestDate: string): StoredIndex {
    const byProviderId = new Map<string, StoredTransaction>();
    const byHash = new Map<bigint, StoredTransaction>();
    const ids = [
      ...page.map((h) => h.record.providerTxnId),
      ...page.flatMap((h) => (h.record.pendingTxnId ? [h.record.pendingTxnId] : [])),
      ...removedIds,
    ];
    const found = (row: StoredRow) => {
      const stored = rowToStored(row);
      byProviderId.set(stored.providerTxnId!, stored);
      byHash.set(stored.contentHash, stored);
    };
    // A page's records are close in time, and on a resync their rows lie in one stretch
    // of the account's date index: one sequential scan reads them faster than thousands
    // of index searches by id. The scan is bounded; whatever it does not find (a new
    // record, a changed date, a removed row) is searched by id below.
    if (page.length >= RANGE_SCAN_MIN) {
      const wanted = new Set(ids);
      let [from, to] = [page[0]!.record.date, page[0]!.record.date];
      for (const { record } of page) {
        if (record.date < from) from = record.date;
        else if (record.date > to) to = record.date;
      }
      for (const row of this.inDateRange.all(accountId, from, to, page.length * 2) as StoredRow[]) {
        if (wanted.has(row.provider_txn_id!)) found(row);
      }
    }
    const missing = byProviderId.size === 0 ? ids : ids.filter((id) => !byProviderId.has(id));
    if (missing.length > 0) for (const row of this.byIds.all(accountId, JSON.stringify(missing)) as StoredRow[]) found(row);
    // A record whose id found its row with the same content needs no hash search: only
    // new, changed or re-issued records can meet another row by content. On a resync,
    // where nearly every record is stored as it is, this halves the index searches.
    const hashes = page.filter((h) => byProviderId.get(h.record.providerTxnId)?.contentHash !== h.contentHash);
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

  /** Applies a planned page and moves the cursor, all or nothing. */
  applyPage(input: ApplyPageInput): void {
    const { accountId, syncRunId, plan, nowIso } = input;
    this.sqlite
      .transaction(() => {
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
            c.merchantSource,
            c.category,
            c.source,
            c.ruleId,
            r.providerCategory,
            r.pending ? 1 : 0,
            r.memo ?? null,
            syncRunId,
            nowIso,
            nowIso,
            input.payeeKeys[i],
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
            nowIso,
            u.id,
          );
          for (const change of u.changes) {
            this.audit.run(u.id, change.field, auditValue(change.oldValue), auditValue(change.newValue), u.reason, nowIso);
          }
        }
        for (const id of plan.removals) {
          if (this.remove.run(nowIso, nowIso, id).changes > 0)
            this.audit.run(id, 'removed', '0', '1', input.removalReason ?? 'withdrawn by the bank', nowIso);
        }
        for (const q of input.rejected) this.quarantine.run(accountId, syncRunId, input.provider, q.raw, q.reason, nowIso);
        if (input.cursor !== undefined) this.cursor.run(input.cursor, input.fetchState ?? null, nowIso, accountId);
      })
      .immediate();
  }
}

function auditValue(value: string | number | null): string | null {
  return value === null ? null : String(value);
}
