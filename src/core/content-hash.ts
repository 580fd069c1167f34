import crypto from 'node:crypto';
import type { NormalizedTransaction } from './bank-transaction';

/** Statement text compared loosely: case, spacing and punctuation runs do not matter. */
export function normalizeDescription(text: string): string {
  return text.toUpperCase().replace(/\s+/g, ' ').trim();
}

/**
 * What makes two records "the same purchase" when ids cannot tell: account, day,
 * amount, statement text and bank. Identical purchases on one day share a key and are
 * told apart by their occurrence number.
 */
export function contentKey(
  accountId: number,
  provider: string,
  t: Pick<NormalizedTransaction, 'date' | 'amountCents' | 'description'>,
): string {
  return `${accountId}\u001f${provider}\u001f${t.date}\u001f${t.amountCents}\u001f${normalizeDescription(t.description)}`;
}

/**
 * The content hash of DESIGN.md: SHA-256 of the content key and the occurrence number,
 * kept as its first 64 bits (a signed integer, as SQLite stores it). An 8-byte key keeps
 * the unique index small enough to stay in cache at a million rows.
 */
export function contentHash(key: string, occurrence: number): bigint {
  return crypto.createHash('sha256').update(`${key}\u001f${occurrence}`).digest().readBigInt64BE(0);
}

/**
 * Counts identical records within one fetch, in the order the bank sends them, so the
 * n-th identical coffee of a day gets occurrence n-1 on every fetch of that day.
 */
export class OccurrenceCounter {
  /** Counts by date, then key: what a saved cursor carries is a few days' counts (fetch-state.ts). */
  private readonly byDate = new Map<string, Map<string, number>>();

  /** Optionally seeded with the counts of a fetch that is being resumed. */
  constructor(counts: Iterable<readonly [date: string, key: string, n: number]> = []) {
    for (const [date, key, n] of counts) this.day(date).set(key, n);
  }

  /** The occurrence of the next record with this key (its date is part of the key). */
  next(key: string, date: string): number {
    const day = this.day(date);
    const n = day.get(key) ?? 0;
    day.set(key, n + 1);
    return n;
  }

  /** The counts of the days from `from` to `to`, as [date, key, n]. */
  *between(from: string, to: string): IterableIterator<[string, string, number]> {
    for (const [date, day] of this.byDate) {
      if (date < from || date > to) continue;
      for (const [key, n] of day) yield [date, key, n];
    }
  }

  private day(date: string): Map<string, number> {
    let day = this.byDate.get(date);
    if (!day) {
      day = new Map();
      this.byDate.set(date, day);
    }
    return day;
  }
}
