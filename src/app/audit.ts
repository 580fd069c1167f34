import { AppError } from '../core/errors';
import { type AuditEntry, listAudit } from '../storage/audit-repo';
import type { AppContext } from './context';

/** `finagg audit`: newest first; of one transaction when asked, which must exist. */
export async function auditTrail(ctx: AppContext, filter: { transactionId?: number; limit: number }): Promise<AuditEntry[]> {
  if (filter.transactionId !== undefined) {
    const found = await ctx.db.selectFrom('transactions').select('id').where('id', '=', filter.transactionId).executeTakeFirst();
    if (!found) throw new AppError('not_found', `no transaction ${filter.transactionId}`, 'see finagg tx');
  }
  return listAudit(ctx.db, filter);
}
