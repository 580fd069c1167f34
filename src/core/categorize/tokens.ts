/**
 * The one spelling the matcher compares: statement text and dictionary aliases go through
 * the same function, so `MCDONALD'S`, `McDonald’s` and `MCDONALDS` meet, `WAL-MART` is
 * `WAL MART`, `CVS/PHARMACY` is `CVS PHARMACY`, `ÜBERWEISUNG` is `UEBERWEISUNG` and
 * `DISNEY+` is `DISNEY PLUS`. An ampersand between short words is part of a name (`PG&E`,
 * `AT&T`, `H&M`, also written `PG & E`); between longer words it only separates them
 * (`BARNES & NOBLE`, `GMBH & CO`). Airlines glue the ticket number to the name
 * (`AMERICAN AIR0012345678901`): a letter followed by four or more digits is split.
 *
 * A single pass over the characters, not a chain of regular expressions: it runs for every
 * transaction, a million of them in the benchmark.
 */

const UMLAUTS = /[ÄÖÜ]/g;
const UMLAUT_SPELLING: Readonly<Record<string, string>> = { Ä: 'AE', Ö: 'OE', Ü: 'UE' };
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** The longest word an ampersand joins: PG&E, AT&T, SDG&E, 1&1. */
const SHORT = 3;

/** German umlauts as Germans type them without (AE, OE, UE); other accents dropped (CAFÉ is CAFE). */
function fold(upper: string): string {
  return upper
    .replace(UMLAUTS, (c) => UMLAUT_SPELLING[c]!)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}

const isLetter = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) => isLetter(c) || isDigit(c);
/** ' ’ ` */
const isApostrophe = (c: number) => c === 39 || c === 0x2019 || c === 96;

/** Upper-case words of a text, punctuation gone; digits stay (`7 ELEVEN`, `PHILLIPS 66`). */
export function tokenize(text: string): string[] {
  return tokenizeUpper(text.toUpperCase());
}

/** tokenize() of a text already in upper case. */
export function tokenizeUpper(upper: string, folded = false): string[] {
  const s = upper;
  const n = s.length;
  const tokens: string[] = [];
  // The current token is `head` (pieces already joined) plus s[start, i).
  let head = '';
  let start = -1;
  // Where the last token pushed ended, to join `PG & E` across the spaces.
  let lastEnd = -1;
  const flush = (end: number) => {
    if (start >= 0) {
      tokens.push(head + s.slice(start, end));
      lastEnd = end;
    }
    head = '';
    start = -1;
  };

  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Umlauts and accents, rarely: spell them out and start again (once; what is left stays a separator).
    if (c > 127 && !folded) return tokenizeUpper(fold(s), true);
    if (isWordChar(c)) {
      if (start < 0) {
        start = i;
      } else if (isDigit(c) && isLetter(s.charCodeAt(i - 1)) && i + 3 < n) {
        let j = i;
        while (j < n && isDigit(s.charCodeAt(j))) j++;
        if (j - i >= 4) {
          flush(i);
          start = i;
        }
      }
    } else if (isApostrophe(c) && start >= 0 && i + 1 < n && isWordChar(s.charCodeAt(i + 1))) {
      // MCDONALD'S is one word: keep what came before, skip the apostrophe.
      head += s.slice(start, i);
      start = i + 1;
    } else if (c === 38 /* & */) {
      let left: string;
      if (start >= 0) {
        left = head + s.slice(start, i);
      } else if (tokens.length > 0 && s.slice(lastEnd, i).trim() === '') {
        left = tokens[tokens.length - 1]!;
      } else {
        left = '';
      }
      let j = i + 1;
      while (j < n && s.charCodeAt(j) === 32) j++;
      let k = j;
      while (k < n && isWordChar(s.charCodeAt(k))) k++;
      const right = k - j;
      if (left.length > 0 && left.length <= SHORT && right > 0 && right <= SHORT) {
        if (start < 0) tokens.pop();
        head = `${left}&${s.slice(j, k)}`;
        start = k;
        i = k - 1;
      } else {
        flush(i);
      }
    } else if (c === 43 /* + */) {
      flush(i);
      tokens.push('PLUS');
      lastEnd = i + 1;
    } else {
      flush(i);
    }
  }
  flush(n);
  return tokens;
}

/** An alias as the matcher stores it: its tokens joined by single spaces. */
export const normalizeAlias = (alias: string): string => tokenize(alias).join(' ');
