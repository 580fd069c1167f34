import type { NormalizedTransaction } from './bank-transaction';
import { OccurrenceCounter } from './content-hash';

/**
 * What dedupe carries from batch to batch within one fetch of an account: the
 * occurrence counter (the n-th identical coffee of a day) and the ids the bank still
 * sends as pending.
 *
 * A fetch that stops part way (a crash, the daemon's SIGTERM, the day's requests spent)
 * or that another process takes up from the saved cursor goes on from the middle of a
 * day. Counting that day's identical records from zero again would give the next coffee
 * the hash of one already stored, and a bank that re-issues ids would have it replace
 * that row (pass 3 of dedupe). So each saved cursor carries the counts of the days its
 * last page reached, and the pending ids seen so far: banks list a window in date
 * order, so only the boundary's days can go on after the cursor.
 */
export interface FetchState {
  occurrences: OccurrenceCounter;
  pendingSent: Set<string>;
}

export const newFetchState = (): FetchState => ({ occurrences: new OccurrenceCounter(), pendingSent: new Set() });

interface Carried {
  /** 2: keys as counterKey gives them; 1 (cursors saved before): the content key's text. */
  v: 1 | 2;
  /** [date, key, count] */
  occurrences: [string, string | number, number][];
  pendingSent: string[];
}

/**
 * What a saved cursor carries after a batch whose last bank page held `lastPage`: the
 * counts of the days that page spans. Null when nothing needs carrying.
 */
export function carryFetchState(state: FetchState, lastPage: readonly Pick<NormalizedTransaction, 'date'>[]): string | null {
  let from = '9999-12-31';
  let to = '0000-01-01';
  for (const r of lastPage) {
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  const occurrences = [...state.occurrences.between(from, to)];
  if (occurrences.length === 0 && state.pendingSent.size === 0) return null;
  const carried: Carried = { v: 2, occurrences, pendingSent: [...state.pendingSent] };
  return JSON.stringify(carried);
}

/** The state a resumed fetch starts from; a fresh one when nothing (or nothing readable) was carried. */
export function resumeFetchState(carried: string | null): FetchState {
  if (carried === null) return newFetchState();
  try {
    const parsed = JSON.parse(carried) as Partial<Carried>;
    if ((parsed.v !== 1 && parsed.v !== 2) || !Array.isArray(parsed.occurrences) || !Array.isArray(parsed.pendingSent))
      return newFetchState();
    return { occurrences: new OccurrenceCounter(parsed.occurrences), pendingSent: new Set(parsed.pendingSent) };
  } catch {
    return newFetchState();
  }
}
