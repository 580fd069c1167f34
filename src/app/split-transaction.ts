import { noSuchCategory } from '../core/closest-name';
import { AppError } from '../core/errors';
import { mainPart, parseSplit, partsText, type SplitPart } from '../core/split';
import { type AuditDraft, insertAudit } from '../storage/audit-repo';
import { listCategoryNames } from '../storage/categories-repo';
import { readSplits, writeSplits } from '../storage/splits-repo';
import { CATEGORY_SOURCE_CODE } from '../storage/transaction-columns';
import type { AppContext } from './context';

export interface SplitResult {
  id: number;
  currency: string;
  amountCents: number;
  category: string;
  parts: SplitPart[];
}

/**
 * `tx split`: a person's division of one purchase across categories (a Target run that
 * was groceries and a lamp). Budgets, reports and `categories` count each part in its
 * category. The row keeps the largest part's category, marked as the person's, so rules
 * and syncs leave it alone; `texts` empty clears the split (the row keeps that category).
 * Audited in the same transaction.
 */
export async function splitTransaction(ctx: AppContext, id: number, texts: readonly string[]): Promise<SplitResult> {
  const nowMs = ctx.clock.nowMs();
  const nowIso = new Date(nowMs).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('transactions')
      .select(['id', 'amount_cents', 'currency', 'category', 'removed', 'transfer_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', `no transaction ${id}`, 'see finagg tx');
    if (row.removed) throw new AppError('usage', `transaction ${id} was removed by the bank; it cannot be split`);
    if (row.transfer_id !== null && texts.length > 0)
      throw new AppError(
        'usage',
        `transaction ${id} is a transfer between your accounts: it is not spending to split`,
        `finagg tx edit ${id} --not-transfer unpairs it`,
      );
    const before = await readSplits(trx, id);
    const parts = texts.length === 0 ? [] : parseSplit(texts, row.amount_cents, row.currency);
    if (parts.length > 0) {
      const names = await listCategoryNames(trx);
      const unknown = parts.find((p) => !names.includes(p.category));
      if (unknown) throw noSuchCategory(unknown.category, names, 'see finagg categories; finagg categories add makes one');
    }
    const category = parts.length > 0 ? mainPart(parts).category : row.category;
    await writeSplits(trx, id, parts);
    await trx
      .updateTable('transactions')
      .set({ category, category_src: CATEGORY_SOURCE_CODE.user, rule_id: null, updated_ms: nowMs })
      .where('id', '=', id)
      .execute();
    const changes: AuditDraft[] = [];
    const audit = (field: string, oldValue: string | null, newValue: string | null) => {
      if (oldValue !== newValue)
        changes.push({ transactionId: id, field, oldValue, newValue, source: 'user', reason: 'tx split', at: nowIso });
    };
    audit('splits', partsText(before, row.currency), partsText(parts, row.currency));
    audit('category', row.category, category);
    await insertAudit(trx, changes);
    ctx.log.log('info', 'transaction.split', { transaction_id: id, parts: parts.length });
    return { id, currency: row.currency, amountCents: row.amount_cents, category, parts };
  });
}
