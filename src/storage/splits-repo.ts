import type { SplitPart } from '../core/split';
import type { Db } from './kysely';

/** The parts of a split transaction in their order; empty when it is not split. */
export async function readSplits(db: Db, transactionId: number): Promise<SplitPart[]> {
  const rows = await db
    .selectFrom('transaction_splits')
    .select(['category', 'amount_cents'])
    .where('transaction_id', '=', transactionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ category: r.category, cents: r.amount_cents }));
}

/** Replaces a transaction's parts (none clears them). */
export async function writeSplits(db: Db, transactionId: number, parts: readonly SplitPart[]): Promise<void> {
  await db.deleteFrom('transaction_splits').where('transaction_id', '=', transactionId).execute();
  if (parts.length === 0) return;
  await db
    .insertInto('transaction_splits')
    .values(
      parts.map((p, position) => ({ transaction_id: transactionId, position, category: p.category, amount_cents: p.cents })),
    )
    .execute();
}
