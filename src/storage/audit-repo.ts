import type { Db } from './kysely';
import type { AuditDraft, AuditEntry } from '../core/audit';

export type { AuditDraft, AuditEntry };

export async function insertAudit(db: Db, entries: readonly AuditDraft[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        transaction_id: e.transactionId,
        field: e.field,
        old_value: e.oldValue,
        new_value: e.newValue,
        source: e.source,
        reason: e.reason,
        at: e.at,
      })),
    )
    .execute();
}

/** Newest first; of one transaction when given. */
export async function listAudit(db: Db, filter: { transactionId?: number; limit: number }): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'transaction_id', 'field', 'old_value', 'new_value', 'source', 'reason', 'at'])
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.transactionId !== undefined) query = query.where('transaction_id', '=', filter.transactionId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    transactionId: r.transaction_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
    reason: r.reason,
    at: r.at,
  }));
}
