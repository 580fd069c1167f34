import { categoryOfLabel } from '../core/categorize/categorizer';
import { mainPart, partsText, type SplitPart } from '../core/split';
import { splitNote } from '../core/statement/qif';
import type { StatementLine } from '../core/statement/statement';
import type { AppContext } from './context';
import { CATEGORY_SOURCE_CODE } from '../storage/transaction-columns';

/**
 * A statement line's split (QIF `S`/`E`/`$`) as finagg's: every part's label maps onto one
 * of finagg's categories (parts of one category joined), and two or more remain. Else
 * undefined, and the parts stay readable in the row's memo (`memoOf`).
 */
export function finaggParts(line: StatementLine, known: ReadonlySet<string>): SplitPart[] | undefined {
  if (!line.splits || line.splits.length === 0) return undefined;
  const byCategory = new Map<string, number>();
  for (const part of line.splits) {
    const category = categoryOfLabel(part.label, known);
    if (category === undefined) return undefined;
    byCategory.set(category, (byCategory.get(category) ?? 0) + part.cents);
  }
  const parts = [...byCategory].filter(([, cents]) => cents !== 0).map(([category, cents]) => ({ category, cents }));
  return parts.length >= 2 ? parts : undefined;
}

/** The memo a line is stored with: its own, and the parts of a split finagg could not map. */
export function memoOf(line: StatementLine, parts: SplitPart[] | undefined, currency: string): string | null {
  if (!line.splits || line.splits.length === 0 || parts !== undefined) return line.memo ?? null;
  return [line.memo, splitNote(line.splits, currency)].filter(Boolean).join(' · ');
}

/**
 * Stores the parts of newly imported split rows (inside the batch's transaction): as
 * `tx split` would, the row keeps its largest part's category, and the parts are audited
 * as the statement's.
 */
export function storeParts(
  ctx: AppContext,
  accountId: number,
  rows: readonly { providerTxnId: string; parts: SplitPart[]; currency: string }[],
  nowIso: string,
): void {
  const find = ctx.sqlite.prepare(
    'SELECT id, category FROM transactions WHERE account_id = ? AND provider_txn_id = ? AND removed = 0',
  );
  const insert = ctx.sqlite.prepare(
    'INSERT INTO transaction_splits (transaction_id, position, category, amount_cents) VALUES (?, ?, ?, ?)',
  );
  const categorize = ctx.sqlite.prepare(
    `UPDATE transactions SET category = ?, category_src = ${CATEGORY_SOURCE_CODE.provider}
     WHERE id = ? AND category_src <> ${CATEGORY_SOURCE_CODE.user}`,
  );
  const audit = ctx.sqlite.prepare(
    "INSERT INTO audit_log (transaction_id, field, old_value, new_value, source, reason, at) VALUES (?, ?, ?, ?, 'sync', 'split in the statement', ?)",
  );
  for (const row of rows) {
    const stored = find.get(accountId, row.providerTxnId) as { id: number; category: string } | undefined;
    if (!stored) continue;
    row.parts.forEach((p, position) => insert.run(stored.id, position, p.category, p.cents));
    audit.run(stored.id, 'splits', null, partsText(row.parts, row.currency), nowIso);
    const main = mainPart(row.parts).category;
    if (main !== stored.category && categorize.run(main, stored.id).changes > 0)
      audit.run(stored.id, 'category', stored.category, main, nowIso);
  }
}
