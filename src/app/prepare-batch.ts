import type { NormalizedTransaction } from '../core/bank-transaction';
import { hashRecords, type HashedRecord } from '../core/dedupe';
import { carryFetchState, type FetchState } from '../core/fetch-state';
import { NormalizeError } from '../providers/errors';
import type { BankProvider, RawTransactionPage } from '../providers/provider';
import { timed } from './stage-times';

/**
 * Where the next sync of an account starts. A rejected record is not lost for good: the
 * batch that had it does not move the cursor, nor does any batch after it in the run, and
 * the window's end (synced_through) stays where it was, so the next sync fetches the
 * record again (a bank's glitch passes) while dedupe matches what is already stored.
 */
export interface Resume {
  /** The cursor the next sync starts from: the run's first (null for a full sync), then each clean batch's last. */
  cursor: string | null;
  /** What `cursor` carries of the fetch (core/fetch-state.ts). */
  carried: string | null;
  /** Records were rejected, or the bank said a page may lack some: the cursor stays at `cursor`. */
  held: boolean;
}

/** A batch of bank pages made ready for dedupe: normalized, counted, with where the next sync starts. */
export interface PreparedBatch {
  hashed: HashedRecord[];
  rejected: { raw: string; reason: string }[];
  /** Withdrawn ids; none once the run is held (see prepareBatch). */
  removedIds: string[];
  /** Records of the batch fetched (added and modified). */
  fetched: number;
}

/**
 * Step 2 and 3 of the sync pipeline for a batch of pages, their added records in order,
 * then their modified ones: normalize (a record that does not fit goes to quarantine),
 * count identical records (the content hash's occurrence), and move `resume` on. Writes
 * nothing; the same whether it runs in the sync or a batch ahead in the sync worker.
 */
export function prepareBatch(
  provider: Pick<BankProvider, 'id' | 'normalizeTransaction'>,
  accountId: number,
  pages: readonly RawTransactionPage[],
  fetch: FetchState,
  resume: Resume,
): PreparedBatch {
  const last = pages[pages.length - 1]!;
  const rejected: { raw: string; reason: string }[] = [];
  const normalize = (raws: readonly unknown[]): NormalizedTransaction[] => {
    const out: NormalizedTransaction[] = [];
    for (const raw of raws) {
      try {
        out.push(provider.normalizeTransaction(raw));
      } catch (error) {
        if (!(error instanceof NormalizeError)) throw error;
        rejected.push({ raw: safeJson(raw), reason: error.message });
      }
    }
    return out;
  };
  const added = timed('normalize', () => pages.map((p) => normalize(p.added)));
  const modified = timed('normalize', () => pages.map((p) => normalize(p.modified)));
  const records = [...added.flat(), ...modified.flat()];
  const hashed = timed('hash', () => hashRecords(accountId, provider.id, records, fetch.occurrences));
  if (rejected.length > 0) resume.held = true;
  // Dedupe adds these too; the cursor saved with this batch must carry them.
  for (const r of records) if (r.pending) fetch.pendingSent.add(r.providerTxnId);
  if (!resume.held) {
    resume.cursor = last.nextCursor;
    // A window read to its end starts afresh next time: nothing to carry.
    resume.carried = last.hasMore ? carryFetchState(fetch, [...added.at(-1)!, ...modified.at(-1)!]) : null;
  }
  let fetched = 0;
  for (const p of pages) fetched += p.added.length + p.modified.length;
  return {
    hashed,
    rejected,
    // Once the run is held, removals wait for the next sync, which fetches these pages
    // again: the record that replaces a removed pending one may be the one rejected,
    // and the row must not vanish until it is stored.
    removedIds: resume.held ? [] : pages.flatMap((p) => p.removed),
    fetched,
  };
}

function safeJson(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}
