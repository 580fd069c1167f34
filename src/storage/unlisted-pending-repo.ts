import type { Database as SqliteDatabase } from 'better-sqlite3';
import { likelyPosting } from '../core/dedupe';
import type { CategorySource, MerchantSource } from './schema';
import { CATEGORY_SOURCE_CODE, MERCHANT_SOURCE_CODE, storedMs } from './transaction-columns';

interface Row {
  id: number;
  provider_txn_id: string | null;
  date: string;
  amount_cents: number;
  description: string;
  merchant: string | null;
  merchant_source: MerchantSource;
  category: string;
  category_source: CategorySource;
  note: string | null;
}

const COLUMNS =
  'id, provider_txn_id, date, amount_cents, description, merchant, merchant_source, category, category_source, note';
/** Days after a pending charge that its posting may carry (dedupe's settle window). */
const POSTING_DAYS = 7;

/**
 * Removes an account's pending rows dated from `fromDate` whose bank id is not in `listed`
 * (see BankProvider.listsAllPending), audited, in one transaction. A person's edits of
 * such a row (category, merchant, note) move to the posting stored beside it, when one
 * is found (core/dedupe.ts, likelyPosting) and has no edit of its own. Returns the ids
 * removed.
 */
export function removeUnlistedPending(
  sqlite: SqliteDatabase,
  input: { accountId: number; fromDate: string; listed: ReadonlySet<string>; syncRunId: number; nowIso: string },
): number[] {
  return sqlite
    .transaction(() => {
      const rows = sqlite
        .prepare(`SELECT ${COLUMNS} FROM transactions WHERE account_id = ? AND pending = 1 AND removed = 0 AND date >= ?`)
        .all(input.accountId, input.fromDate) as Row[];
      const gone = rows.filter((r) => r.provider_txn_id !== null && !input.listed.has(r.provider_txn_id));
      const remove = sqlite.prepare(
        'UPDATE transactions SET removed = 1, removed_at = ?, sync_run_id = ?, updated_ms = ? WHERE id = ? AND removed = 0',
      );
      const audit = sqlite.prepare(
        "INSERT INTO audit_log (transaction_id, field, old_value, new_value, source, reason, at) VALUES (?, ?, ?, ?, 'sync', ?, ?)",
      );
      const postedNear = sqlite.prepare(
        `SELECT ${COLUMNS} FROM transactions WHERE account_id = ? AND pending = 0 AND removed = 0 AND date >= ? AND date <= date(?, '+${POSTING_DAYS} days')`,
      );
      for (const row of gone) {
        if (remove.run(input.nowIso, input.syncRunId, storedMs(input.nowIso), row.id).changes === 0) continue;
        audit.run(
          row.id,
          'removed',
          '0',
          '1',
          'no longer listed by the bank: posted under another id, or withdrawn',
          input.nowIso,
        );
        const edited = row.category_source === 'user' || row.merchant_source === 'user' || row.note !== null;
        if (!edited) continue;
        const candidates = (postedNear.all(input.accountId, row.date, row.date) as Row[]).map((r) => ({
          ...r,
          amountCents: r.amount_cents,
        }));
        const posting = likelyPosting({ ...row, amountCents: row.amount_cents }, candidates);
        if (posting) carryEdits(sqlite, audit, row, posting, input.nowIso);
      }
      return gone.map((r) => r.id);
    })
    .immediate();
}

/** The person's edits of a pending row onto its posting, where the posting has none of its own. */
function carryEdits(
  sqlite: SqliteDatabase,
  audit: { run(...args: unknown[]): unknown },
  from: Row,
  to: Row,
  nowIso: string,
): void {
  const reason = `your edit of pending transaction ${from.id}, carried to its posting`;
  if (from.category_source === 'user' && to.category_source !== 'user' && from.category !== to.category) {
    sqlite
      .prepare(
        `UPDATE transactions SET category = ?, category_src = ${CATEGORY_SOURCE_CODE.user}, rule_id = NULL, updated_ms = ? WHERE id = ?`,
      )
      .run(from.category, storedMs(nowIso), to.id);
    audit.run(to.id, 'category', to.category, from.category, reason, nowIso);
  }
  if (from.merchant_source === 'user' && to.merchant_source !== 'user' && from.merchant !== to.merchant) {
    sqlite
      .prepare(`UPDATE transactions SET merchant = ?, merchant_src = ${MERCHANT_SOURCE_CODE.user}, updated_ms = ? WHERE id = ?`)
      .run(from.merchant, storedMs(nowIso), to.id);
    audit.run(to.id, 'merchant', to.merchant, from.merchant, reason, nowIso);
  }
  if (from.note !== null && to.note === null) {
    sqlite.prepare('UPDATE transactions SET note = ?, updated_ms = ? WHERE id = ?').run(from.note, storedMs(nowIso), to.id);
    audit.run(to.id, 'note', null, from.note, reason, nowIso);
  }
}
