import { tokenizeUpper } from './tokens';

/**
 * The words the matcher knows, each with a number, and a tokenizer that reads a statement
 * line straight into those numbers: one pass over the characters, a word looked up by a
 * hash of its characters as they go by, no string cut for it. Words the matcher does not
 * know are numbered by kind only (with or without a digit). A line the single pass cannot
 * read exactly as tokenizeUpper() does (an ampersand, an apostrophe, a character beyond
 * ASCII; a few lines in a hundred) goes through tokenizeUpper() and the words it returns
 * are looked up by name: the numbers are the same either way.
 */

/** A word the matcher does not know, without a digit. */
export const UNKNOWN = -1;
/** A word the matcher does not know, with a digit in it (a store number, a code). */
export const UNKNOWN_NUMBER = -2;
/** Between the bank's merchant name and the description: no alias spans the two. */
export const BREAK = -3;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

const isLetter = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

function hashOf(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h;
}

function hasDigit(word: string): boolean {
  for (let k = 0; k < word.length; k++) if (isDigit(word.charCodeAt(k))) return true;
  return false;
}

/** Token numbers of a text, kept in one growing buffer (the matcher reads them before the next text). */
export interface TokenIds {
  ids: Int32Array;
  length: number;
}

export class Vocabulary {
  private readonly words: string[] = [];
  private readonly byWord = new Map<string, number>();
  private hashes: Int32Array = new Int32Array(0);
  /** Open addressing: a word's number plus one by its hash, 0 for none (one empty slot until seal()). */
  private slots: Int32Array = new Int32Array(1);
  private mask = 0;
  private plus = UNKNOWN;
  /** Per word number: whether the word holds a digit (set by seal()). */
  digits: Uint8Array = new Uint8Array(0);

  get size(): number {
    return this.words.length;
  }

  /** A word's number, a new one for a word not seen before; seal() once all are added. */
  add(word: string): number {
    let id = this.byWord.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.byWord.set(word, id);
    }
    return id;
  }

  /** Builds the table read() looks words up in, once every word is added. */
  seal(): this {
    let size = 16;
    while (size < this.words.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = Int32Array.from(this.words, hashOf);
    for (let id = 0; id < this.words.length; id++) {
      let slot = this.hashes[id]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
    }
    this.digits = Uint8Array.from(this.words, (word) => (hasDigit(word) ? 1 : 0));
    this.plus = this.byWord.get('PLUS') ?? UNKNOWN;
    return this;
  }

  /** The number of a word by name: its id, else UNKNOWN or UNKNOWN_NUMBER. */
  idOf(word: string): number {
    return this.byWord.get(word) ?? (hasDigit(word) ? UNKNOWN_NUMBER : UNKNOWN);
  }

  /** The word s[start, end) with hash h, by its characters. */
  private lookup(s: string, start: number, end: number, h: number, digit: boolean): number {
    const length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) return digit ? UNKNOWN_NUMBER : UNKNOWN;
      if (this.hashes[id] !== h) continue;
      const word = this.words[id]!;
      if (word.length !== length) continue;
      let k = 0;
      while (k < length && word.charCodeAt(k) === s.charCodeAt(start + k)) k++;
      if (k === length) return id;
    }
  }

  /** Appends the numbers of tokenizeUpper(upper) to `out`. */
  read(upper: string, out: TokenIds): void {
    const from = out.length;
    if (!this.readAscii(upper, out)) {
      out.length = from;
      for (const token of tokenizeUpper(upper)) push(out, this.idOf(token));
    }
  }

  /** The single pass; false (leaving `out` to be cut back) where tokenizeUpper() does more than split words. */
  private readAscii(s: string, out: TokenIds): boolean {
    const n = s.length;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (isLetter(c) || isDigit(c)) {
        // A token: letters and digits, cut before four or more digits that follow a letter (AIR0012345678901).
        const start = i;
        let h = FNV_OFFSET;
        let digit = false;
        for (;;) {
          h = Math.imul(h ^ c, FNV_PRIME);
          if (isDigit(c)) digit = true;
          i++;
          if (i >= n) break;
          const next = s.charCodeAt(i);
          if (isDigit(next)) {
            if (isLetter(c)) {
              let j = i + 1;
              while (j < n && isDigit(s.charCodeAt(j))) j++;
              if (j - i >= 4) break;
            }
          } else if (!isLetter(next)) {
            break;
          }
          c = next;
        }
        push(out, this.lookup(s, start, i, h, digit));
      } else if (c === 43 /* + */) {
        push(out, this.plus);
        i++;
      } else if (c === 38 /* & */ || c === 39 /* ' */ || c === 96 /* ` */ || c > 127) {
        return false;
      } else {
        i++;
      }
    }
    return true;
  }
}

export function push(out: TokenIds, id: number): void {
  if (out.length === out.ids.length) {
    const grown = new Int32Array(out.ids.length * 2 + 16);
    grown.set(out.ids);
    out.ids = grown;
  }
  out.ids[out.length++] = id;
}
