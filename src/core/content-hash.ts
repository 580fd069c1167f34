import crypto from 'node:crypto';
import type { NormalizedTransaction } from './bank-transaction';

/** Statement text compared loosely: case, spacing and punctuation runs do not matter. */
export function normalizeDescription(text: string): string {
  const upper = text.toUpperCase();
  // Most text is spaced already (single spaces inside, none at the ends): the replace
  // and trim would change nothing, yet make a new string every time (a hash per record).
  return UNEVEN_SPACE.test(upper) ? upper.replace(/\s+/g, ' ').trim() : upper;
}

/** Spacing that normalizeDescription changes: whitespace other than a space, two spaces, or a space at an end. */
const UNEVEN_SPACE = /[^\S ]| {2}|^ | $/;

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
  return [accountId, provider, t.date, t.amountCents, normalizeDescription(t.description)].join(KEY_SEPARATOR);
}

/** crypto.hash, a one-shot digest (Node 20.12 on). */
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/**
 * The content hash of DESIGN.md: SHA-256 of the content key and the occurrence number,
 * kept as its first 64 bits (a signed integer, as SQLite stores it). An 8-byte key keeps
 * the unique index small enough to stay in cache at a million rows.
 */
export function contentHash(key: string, occurrence: number): bigint {
  const text = `${key}\u001f${occurrence}`;
  // The one-shot digest makes no Hash object: a third of the time, for every record hashed.
  if (oneShot) return BigInt.asIntN(64, BigInt(`0x${oneShot('sha256', text, 'hex').slice(0, 16)}`));
  return crypto.createHash('sha256').update(text).digest().readBigInt64BE(0);
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

  /** The last date counted, and its counts: a bank sends a day's records together. */
  private lastDate: string | undefined;
  private lastDay: Map<number, number> | undefined;

  /** The occurrence of the next record with this content key (its date is part of the key). */
  next(key: string, date: string): number {
    return this.nextOf(counterKey(key), date);
  }

  /** As next, for a key already made a counter key (see contentCounterKey). */
  nextOf(hashed: number, date: string): number {
    if (date !== this.lastDate || this.lastDay === undefined) {
      this.lastDay = this.day(date);
      this.lastDate = date;
    }
    const day = this.lastDay;
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
  laneA = 0x811c9dc5;
  laneB = 0x9e3779b9;
  feed(key);
  return finishLanes();
}

/**
 * counterKey(contentKey(accountId, provider, t)), without making the key: the lanes take
 * its parts in turn. A sync counts every record it fetches and most never need the key
 * itself (see hashRecords).
 */
export function contentCounterKey(
  accountId: number,
  provider: string,
  t: Pick<NormalizedTransaction, 'date' | 'amountCents' | 'description'>,
): number {
  laneA = 0x811c9dc5;
  laneB = 0x9e3779b9;
  feed(String(accountId));
  feed(KEY_SEPARATOR);
  feed(provider);
  feed(KEY_SEPARATOR);
  feed(t.date);
  feed(KEY_SEPARATOR);
  feed(String(t.amountCents));
  feed(KEY_SEPARATOR);
  feed(normalizeDescription(t.description));
  return finishLanes();
}

const KEY_SEPARATOR = '\u001f';

/** The two lanes of counterKey, between feeds (module state: no closure, nothing made per record). */
let laneA = 0;
let laneB = 0;

function feed(text: string): void {
  let a = laneA;
  let b = laneB;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  laneA = a;
  laneB = b;
}

function finishLanes(): number {
  let a = laneA;
  let b = laneB;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (b & 0x1fffff) * 0x100000000 + (a >>> 0);
}
