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
  // Joined, not a template: a template makes a tree of string pieces, and the occurrence
  // counter keeps every key of a fetch (a million-row first sync held 300 MB of them).
  return [accountId, provider, t.date, t.amountCents, normalizeDescription(t.description)].join('\u001f');
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
 *
 * It keeps every key of the fetch, so it keeps them small: a 53-bit hash of the content
 * key (counterKey), about 30 bytes an entry where the key's text took about 110 (a
 * million-row first sync held 100 MB of them). Two keys of one account's day sharing a
 * hash would share a count, at odds of about 1 in 10^11 for a day of 300 records.
 */
export class OccurrenceCounter {
  /** Counts by date, then key: what a saved cursor carries is a few days' counts (fetch-state.ts). */
  private readonly byDate = new Map<string, Map<number, number>>();

  /**
   * Optionally seeded with the counts of a fetch that is being resumed: keys as
   * counterKey gives them, or as the content key's text (what a cursor saved before).
   */
  constructor(counts: Iterable<readonly [date: string, key: string | number, n: number]> = []) {
    for (const [date, key, n] of counts) this.day(date).set(typeof key === 'string' ? counterKey(key) : key, n);
  }

  /** The occurrence of the next record with this content key (its date is part of the key). */
  next(key: string, date: string): number {
    const day = this.day(date);
    const hashed = counterKey(key);
    const n = day.get(hashed) ?? 0;
    day.set(hashed, n + 1);
    return n;
  }

  /** The counts of the days from `from` to `to`, as [date, counter key, n]. */
  *between(from: string, to: string): IterableIterator<[string, number, number]> {
    for (const [date, day] of this.byDate) {
      if (date < from || date > to) continue;
      for (const [key, n] of day) yield [date, key, n];
    }
  }

  private day(date: string): Map<number, number> {
    let day = this.byDate.get(date);
    if (!day) {
      day = new Map();
      this.byDate.set(date, day);
    }
    return day;
  }
}

/**
 * A content key as the occurrence counter keeps it: 53 bits (a number JSON carries
 * exactly) from two 32-bit multiply-xor lanes over its characters, mixed at the end.
 */
export function counterKey(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (b & 0x1fffff) * 0x100000000 + (a >>> 0);
}
