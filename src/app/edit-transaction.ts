import { noSuchCategory } from '../core/closest-name';
import { AppError, invalidInput } from '../core/errors';
import { CATEGORY_NAME } from '../core/rules/rule';
import type { Transaction } from '../core/transaction';
import { type AuditDraft, insertAudit } from '../storage/audit-repo';
import { ensureCategory, listCategoryNames } from '../storage/categories-repo';
import { TRANSACTION_SELECTION, transactionRowToTransaction } from '../storage/transactions-repo';
import type { AppContext } from './context';
import { type LearnedHabit, learnFromEdit } from './learn-category';
import { CATEGORY_SOURCE_CODE, MERCHANT_SOURCE_CODE } from '../storage/transaction-columns';

export interface TransactionEdit {
  category?: string;
  merchant?: string;
  /** An empty note clears it. */
  note?: string;
  /** Make the category when it does not exist (otherwise a typo is refused). */
  create?: boolean;
}

export interface EditResult {
  transaction: Transaction;
  /** The fields that changed, as audited. */
  changes: AuditDraft[];
  newCategory: boolean;
  /** The habit this edit taught or changed (app/learn-category.ts). */
  learned?: LearnedHabit;
}

/**
 * `tx edit`: a person's change. It outranks every rule and the bank: the category and
 * merchant are marked as the person's, so neither `rules apply` nor a sync changes
 * them again. Each changed field is audited with source `user`, in the same transaction.
 */
export async function editTransaction(ctx: AppContext, id: number, edit: TransactionEdit): Promise<EditResult> {
  if (edit.category === undefined && edit.merchant === undefined && edit.note === undefined)
    throw new AppError('usage', 'nothing to change: give --category, --merchant or --note', 'see finagg tx edit --help');
  const category = edit.category?.trim().toLowerCase();
  if (category !== undefined && !CATEGORY_NAME.test(category))
    throw invalidInput(
      `invalid --category ${JSON.stringify(edit.category)}: must be a lower-case name such as groceries or pet-care (letters, digits, - or _)`,
      'see finagg categories',
    );
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('transactions').select(TRANSACTION_SELECTION).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', `no transaction ${id}`, 'see finagg tx');
    const changes: AuditDraft[] = [];
    const change = (field: string, oldValue: string | null, newValue: string | null) => {
      if (oldValue !== newValue)
        changes.push({ transactionId: id, field, oldValue, newValue, source: 'user', reason: 'tx edit', at: nowIso });
    };
    const note = edit.note === undefined ? row.note : edit.note.trim() === '' ? null : edit.note.trim();
    if (category !== undefined) change('category', row.category, category);
    if (edit.merchant !== undefined) change('merchant', row.merchant, edit.merchant.trim());
    change('note', row.note, note);
    if (category !== undefined && !edit.create) {
      const names = await listCategoryNames(trx);
      if (!names.includes(category)) throw noSuchCategory(category, names, 'add --create to make a new category');
    }
    const newCategory = category !== undefined ? await ensureCategory(trx, category, nowIso) : false;
    await trx
      .updateTable('transactions')
      .set({
        ...(category !== undefined ? { category, category_src: CATEGORY_SOURCE_CODE.user, rule_id: null } : {}),
        ...(edit.merchant !== undefined ? { merchant: edit.merchant.trim(), merchant_src: MERCHANT_SOURCE_CODE.user } : {}),
        note,
        updated_ms: changes.length > 0 ? ctx.clock.nowMs() : undefined,
      })
      .where('id', '=', id)
      .execute();
    await insertAudit(trx, changes);
    const updated = { ...row, category: category ?? row.category, merchant: edit.merchant?.trim() ?? row.merchant, note };
    const learned =
      category !== undefined && category !== row.category
        ? await learnFromEdit(trx, { id, merchant: updated.merchant, description: row.description }, category, nowIso)
        : undefined;
    ctx.log.log('info', 'transaction.edited', { transaction_id: id, fields: changes.map((c) => c.field) });
    if (learned) ctx.log.log('info', 'category.learned', { rule_id: learned.ruleId, change: learned.change });
    return { transaction: transactionRowToTransaction(updated), changes, newCategory, ...(learned ? { learned } : {}) };
  });
}
