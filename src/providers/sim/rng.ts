/**
 * Seeded randomness for the simulated banks. Every stream is derived from the seed and
 * the coordinates of what it generates (bank, account, day, ...), never from a shared
 * sequence, so any day can be generated alone and always comes out the same.
 */

/**
 * Murmur3's finalizer: spreads every input bit over the whole 32-bit word. It is a
 * bijection (xor-shifts and odd multipliers are invertible), so distinct inputs give
 * distinct outputs: ids built on it are unique, not merely unlikely to collide.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit value into a running hash. */
export function mix(h: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return fmix32((Math.imul(h, 5) + 0xe6546b64) | 0);
}

/** Folds a number of any size (a seed, a time in ms) into a running hash. */
export function mixNumber(h: number, value: number): number {
  const whole = Math.floor(value);
  return mix(mix(h, whole >>> 0), Math.floor(whole / 0x100000000) >>> 0);
}

/** Folds a string into a running hash (FNV-1a over UTF-16 units, then finalized). */
export function mixString(h: number, text: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193);
  return mix(h, x);
}

/** A hash of the seed with a few coordinates, as a uniform number in [0, 1). */
export function unitHash(h: number): number {
  return fmix32(h) / 0x100000000;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  u32(): number;
  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): tiny state, passes PractRand. */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(h: number) {
    this.a = fmix32(h ^ 0x9e3779b9);
    this.b = fmix32(h ^ 0x243f6a88);
    this.c = fmix32(h ^ 0xb7e15162);
    // A few rounds so that nearby hashes give unrelated first outputs.
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.u32() / 0x100000000;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return p >= 1 || (p > 0 && this.next() < p);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}

/** A generator seeded by a hash built with mix/mixNumber/mixString. */
export function rngFromHash(h: number): Rng {
  return new Sfc32(h);
}

/** A generator for the seed and the given coordinates, e.g. rngFor(seed, 'bankc', account, day). */
export function rngFor(seed: number, ...parts: ReadonlyArray<string | number>): Rng {
  let h = mixNumber(0x5eed, seed);
  for (const part of parts) h = typeof part === 'number' ? mixNumber(h, part) : mixString(h, part);
  return new Sfc32(h);
}
