import type { DedupePlan } from './dedupe';

/**
 * What a batch's dedupe plan was made from, when it was made a batch ahead (the sync
 * worker plans batch N+1 while the sync writes batch N): the keys its lookup asked the
 * store for and the stored rows it got.
 */
export interface PlanBasis {
  /** Provider ids looked up: the records' own, the pending ids they name, the withdrawn ids. */
  ids: readonly string[];
  /** The records' content hashes; null when the plan did not search by hash (a resync as it is). */
  hashes: readonly bigint[] | null;
  /** Pending rows were read from this date on. */
  pendingFrom: string;
  /** The stored rows the plan saw. */
  rows: readonly number[];
}

/**
 * Whether a plan made without the writes of `previous` (the batch written while it was
 * made) is the plan it would be with them: none of the rows that batch wrote could have
 * been found by the plan's lookup (an id, a hash, a pending row it reads), and none of the
 * rows it saw was changed. Otherwise the sync plans the batch again.
 */
export function planStillHolds(basis: PlanBasis, previous: DedupePlan): boolean {
  if (previous.inserts.length === 0 && previous.updates.length === 0 && previous.removals.length === 0) return true;
  const ids = new Set(basis.ids);
  const hashes = basis.hashes === null ? null : new Set(basis.hashes);
  const rows = new Set(basis.rows);
  const found = (w: {
    record: { providerTxnId: string; date: string; pending: boolean };
    storedId?: string | null;
    contentHash: bigint;
  }) => {
    const id = w.storedId !== undefined ? w.storedId : w.record.providerTxnId;
    return (
      (id !== null && ids.has(id)) ||
      hashes === null ||
      hashes.has(w.contentHash) ||
      (w.record.pending && w.record.date >= basis.pendingFrom)
    );
  };
  for (const w of previous.inserts) if (found(w)) return false;
  for (const w of previous.updates) if (rows.has(w.id) || found(w)) return false;
  for (const id of previous.removals) if (rows.has(id)) return false;
  return true;
}
