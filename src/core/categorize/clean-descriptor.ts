import { CITIES, COUNTRIES, PROVINCES, US_STATES } from './places';
import { CHANNEL_PREFIXES, type ChannelPrefix } from './prefixes';

/**
 * Statement text to a payee's name. `SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA` is Blue Bottle
 * Coffee, `POS DEBIT 4451 SHELL OIL 57442658100` is Shell Oil: the channel, the processor,
 * store and terminal numbers, phone numbers, order codes, web addresses, dates and the
 * place are what banks add around the name.
 */

export interface StrippedPrefixes {
  /** The upper-case text after the channel and processor prefixes (and before a Spanish bank's card tail). */
  rest: string;
  /** The category the innermost processor implies (`TST*` is a restaurant), if any. */
  fallback: string | null;
}

export interface CleanDescriptor extends StrippedPrefixes {
  /** Upper-case words that name the payee, noise removed; empty when nothing is left. */
  text: string;
  /** The same in title case, for display and for storing as the merchant. */
  name: string;
}

const DIGITS = '0123456789';

/**
 * The characters a match of a prefix pattern can begin with, or null when that is not plain
 * from its source (a pattern that may match nothing, `.`, a negated class). Reads the few
 * forms prefixes.ts uses: literals, escapes, `\\d`, classes, `(?:a|b)` groups and quantifiers.
 */
export function firstChars(source: string): Set<string> | null {
  let i = 0;
  /** A sequence up to `)` or `|` or the end: its first characters, and whether it can be empty. */
  const sequence = (): { first: Set<string>; empty: boolean } | null => {
    const first = new Set<string>();
    let empty = true;
    while (i < source.length && source[i] !== ')' && source[i] !== '|') {
      const atom = parseAtom();
      if (atom === null) return null;
      // A quantifier that allows none leaves the atom optional.
      let optional = atom.empty;
      const q = source[i];
      if (q === '?' || q === '*') {
        optional = true;
        i++;
      } else if (q === '+') {
        i++;
      } else if (q === '{') {
        const close = source.indexOf('}', i);
        if (close < 0) return null;
        if (/^\{0[,}]/.test(source.slice(i, close + 1))) optional = true;
        i = close + 1;
      }
      if (source[i] === '?') i++; // lazy
      if (empty) for (const c of atom.first) first.add(c);
      empty &&= optional;
    }
    return { first, empty };
  };
  const parseAtom = (): { first: Set<string>; empty: boolean } | null => {
    const c = source[i]!;
    if (c === '(') {
      let lookaround = false;
      if (source.startsWith('(?:', i)) i += 3;
      else if (source.startsWith('(?=', i) || source.startsWith('(?!', i)) {
        i += 3;
        lookaround = true;
      } else if (source.startsWith('(?', i)) return null;
      else i++;
      const first = new Set<string>();
      let empty = false;
      for (;;) {
        const alt = sequence();
        if (alt === null) return null;
        for (const ch of alt.first) first.add(ch);
        empty ||= alt.empty;
        if (source[i] === '|') i++;
        else break;
      }
      if (source[i] !== ')') return null;
      i++;
      // A lookaround reads without consuming: the characters after it begin the match.
      return lookaround ? { first: new Set(), empty: true } : { first, empty };
    }
    if (c === '[') {
      const close = source.indexOf(']', i + 1);
      if (close < 0 || source[i + 1] === '^') return null;
      const body = source.slice(i + 1, close);
      i = close + 1;
      const first = new Set<string>();
      for (let k = 0; k < body.length; k++) {
        if (body[k] === '\\') {
          const e = body[++k]!;
          if (e === 'd') for (const d of DIGITS) first.add(d);
          else if (e === 's') first.add(' ');
          else if (/[A-Za-z]/.test(e)) return null;
          else first.add(e);
        } else if (body[k + 1] === '-' && k + 2 < body.length) {
          for (let code = body.charCodeAt(k); code <= body.charCodeAt(k + 2); code++) first.add(String.fromCharCode(code));
          k += 2;
        } else {
          first.add(body[k]!);
        }
      }
      return { first, empty: false };
    }
    if (c === '\\') {
      const e = source[i + 1]!;
      i += 2;
      if (e === 'd') return { first: new Set(DIGITS), empty: false };
      if (e === 's') return { first: new Set([' ', '\t']), empty: false };
      if (e === 'b') return { first: new Set(), empty: true };
      if (/[A-Za-z]/.test(e)) return null;
      return { first: new Set([e]), empty: false };
    }
    if (c === '.' || c === '^' || c === '$') return null;
    i++;
    return { first: new Set([c]), empty: false };
  };
  // The whole pattern: alternatives, none of which may match nothing.
  const first = new Set<string>();
  for (;;) {
    const alt = sequence();
    if (alt === null || alt.empty) return null;
    for (const ch of alt.first) first.add(ch);
    if (source[i] === '|') i++;
    else break;
  }
  return i === source.length ? first : null;
}

interface PrefixMatcher {
  regex: RegExp;
  /** A processor's fallback, by its capture group (group 1 is the matcher's first pattern). */
  fallbacks: (string | null)[];
}

/** One regular expression over some of the patterns, in their order. */
function prefixMatcher(prefixes: readonly ChannelPrefix[]): PrefixMatcher {
  // Star patterns end at the star; the others must end at a word's end (POS is not POSITANO).
  // A slash may follow a prefix too (`RECIBO /VODAFONE ESPANA`).
  const source = prefixes
    .map(({ pattern }) => `(${pattern}${pattern.endsWith('\\*') ? '' : '(?![A-Z0-9&])'})[\\s:/-]*`)
    .join('|');
  return { regex: new RegExp(`^(?:${source})`), fallbacks: prefixes.map((p) => p.fallback ?? null) };
}

/**
 * The patterns by the character a descriptor begins with: most descriptors begin with the
 * payee, and are turned away by the few patterns that begin with its letter instead of
 * trying every one of them (this runs for every transaction). Patterns whose first
 * characters are not plain are tried for every character.
 */
const PREFIXES_BY_CHAR: ReadonlyMap<string, PrefixMatcher> = (() => {
  const firsts = CHANNEL_PREFIXES.map((p) => firstChars(p.pattern));
  const chars = new Set(firsts.flatMap((f) => (f ? [...f] : [])));
  const byChar = new Map<string, PrefixMatcher>();
  for (const c of chars) byChar.set(c, prefixMatcher(CHANNEL_PREFIXES.filter((_, k) => firsts[k] === null || firsts[k]!.has(c))));
  return byChar;
})();
/** For characters no plain pattern begins with: the patterns that are not plain, if any. */
const OTHER_PREFIXES: PrefixMatcher | null = (() => {
  const others = CHANNEL_PREFIXES.filter((p) => firstChars(p.pattern) === null);
  return others.length > 0 ? prefixMatcher(others) : null;
})();
/** Prefixes in front of prefixes: `POS DEBIT 0412 SQ *`, `POINT OF SALE - INTERAC RETAIL PURCHASE 123456789012`. */
const MAX_PREFIXES = 5;
/**
 * The card a Spanish bank names after the payee: `MERCADONA, CON LA TARJETA : 4940********1234
 * EL 2024-03-12` (BBVA), `MERCADONA, MADRID, TARJ. :*1234` (Santander). Cut before matching,
 * so a name that must stand alone (`DIA`) still does.
 */
const SPANISH_CARD_TAIL = /(?:,\s*|\s+)(?:CON (?:LA )?)?TARJ(?:ETA)?\b\.?\s*:?\s*[*X\d].*$/;

const LETTER = /[A-Z]/;

/** Removes what banks print in front of the payee, as long as something is left after it. */
export function stripPrefixes(upper: string): StrippedPrefixes {
  let rest = upper.trimStart();
  let fallback: string | null = null;
  for (let i = 0; i < MAX_PREFIXES; i++) {
    const prefixes = PREFIXES_BY_CHAR.get(rest.charAt(0)) ?? OTHER_PREFIXES;
    if (!prefixes) break;
    const m = prefixes.regex.exec(rest);
    if (!m || m[0].length >= rest.length) break;
    const after = rest.slice(m[0].length);
    // A prefix followed only by punctuation or digits is the whole descriptor (`POS DEBIT 1234`).
    if (!LETTER.test(after)) break;
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        fallback = prefixes.fallbacks[g - 1] ?? fallback;
        break;
      }
    }
    rest = after;
  }
  if (rest.includes('TARJ')) {
    const tail = SPANISH_CARD_TAIL.exec(rest);
    if (tail && tail.index > 0) rest = rest.slice(0, tail.index);
  }
  return { rest, fallback };
}

/** `//Berlin/DE` after a German card payment: city and country. */
const SEPA_PLACE = /\/\/.*$/;
const URL = /\b(?:HTTPS?:\/\/|WWW\.)\S*/g;
const PHONE = /(?:\+?1[-. ]?)?\(?\b\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}\b|\b\d{3}-[A-Z]{7}\b/g;
const DATE =
  /\b(?:ON )?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b|\bON \d{1,2} ?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b/g;
/** An order or reference code after a star: `*2K3L45TY2`, `* HM8Q2ZTK4A`. */
const REFERENCE = /\*\s*(?=[A-Z0-9-]*\d)[A-Z0-9-]{4,}/g;
/**
 * ACH addenda: `PPD ID: 1234567890`, `WEB ID: ...`, and Bank of America's
 * `DES:PAYMENT ID:123 INDN:JANE DOE CO ID:456 PPD` after the payee.
 */
const ACH_ADDENDA =
  /\s+DES:.*$|\b(?:PPD|CCD|WEB|TEL|ARC|BOC|POP|CTX|IAT)?\s*\b(?:ID|REF|CONF|CONFIRMATION|TRACE)\s*(?:#|:|NO\.?)\s*\S*/g;
/** The SEC code ACH entries end with. */
const SEC_CODES = new Set(['PPD', 'CCD', 'WEB', 'TEL', 'ARC', 'BOC', 'POP', 'CTX', 'IAT']);
/**
 * Wells Fargo's tail: a terminal reference and the card's last four; Commonwealth Bank's:
 * `Card xx1234 Value Date: 12/03/2024`.
 */
const CARD_TAIL = /\s+(?:S\d{9,}\s+)?CARD\s+(?:X+|\*+)?\d{4}(?:\s+VALUE DATE:?.*)?\s*$/;
/** A web address: `HELP.UBER.COM`, `AMZN.COM/BILL`, `LIEFERANDO.DE`. */
const DOMAIN = /\b([A-Z0-9][A-Z0-9-]*)((?:\.[A-Z0-9-]+)*)\.(?:COM|NET|ORG|CO|IO|DE|UK|TV|APP|AI|ME|US|EU|FM|GG)\b(?:\/\S*)?/g;

// The words are read a character at a time, not split by regular expressions: this runs for
// every line the dictionary does not know.
const isDigit = (c: number) => c >= 48 && c <= 57;
const isCapital = (c: number) => c >= 65 && c <= 90;
/** What `\s` matches in a regular expression (and String.prototype.trim removes), beyond ASCII. */
const isWideSpace = (c: number) =>
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** Classes of ASCII characters, for the word loop. */
const WORD_BREAK = 1;
const EDGE_PUNCTUATION = 2;
const ASCII_CLASS = (() => {
  const classes = new Uint8Array(128);
  // White space (`\s`), `*`, `#`, `_`, `|` part words.
  for (const ch of ' \t\n\v\f\r*#_|') classes[ch.charCodeAt(0)] = WORD_BREAK;
  // Dropped at either end of a word.
  for (const ch of '-.,:;/+!?()[]"') classes[ch.charCodeAt(0)] = EDGE_PUNCTUATION;
  return classes;
})();
const isWordBreak = (c: number) => (c < 128 ? ASCII_CLASS[c] === WORD_BREAK : isWideSpace(c));
const isEdgePunctuation = (c: number) => c < 128 && ASCII_CLASS[c] === EDGE_PUNCTUATION;
const isJoiner = (c: number) => c === 45 || c === 38; // - &
/** What `\w` matches, the word characters `\b` tells apart: ASCII letters, digits, `_`. */
const isRegExpWordChar = (c: number) => isDigit(c) || isCapital(c) || (c >= 97 && c <= 122) || c === 95;

/**
 * A number, or a code with a digit in it: store, terminal, order and account numbers; s[start, end).
 * Names with digits are joined by a hyphen or ampersand: 7-ELEVEN, 1-800-FLOWERS, 1&1.
 */
function isNumberLike(s: string, start: number, end: number): boolean {
  let digit = false;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (!isDigit(c)) continue;
    digit = true;
    // A letter or digit, a hyphen or ampersand, this digit: [A-Z][-&]\d or \d&\d.
    if (k - 2 >= start) {
      const joiner = s.charCodeAt(k - 1);
      const before = s.charCodeAt(k - 2);
      if ((isJoiner(joiner) && isCapital(before)) || (joiner === 38 && isDigit(before))) return false;
    }
    // This digit, a hyphen or ampersand, a letter: \d[-&][A-Z].
    if (k + 2 < end && isJoiner(s.charCodeAt(k + 1)) && isCapital(s.charCodeAt(k + 2))) return false;
  }
  return digit;
}

/** A masked account number (`XXXXXX1234` loses its digits above, `XXXX` stays). */
function isMask(s: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  for (let k = start; k < end; k++) if (s.charCodeAt(k) !== 88) return false;
  return true;
}

/**
 * The cities of up to three words by their last word, each as its words: most words end no
 * city and need no longer look; the others are compared word by word, not joined to a string.
 */
const CITIES_BY_ENDING: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const byEnding = new Map<string, string[][]>();
  for (const city of CITIES) {
    const words = city.split(' ');
    if (words.length > 3) continue;
    const ending = words[words.length - 1]!;
    byEnding.set(ending, [...(byEnding.get(ending) ?? []), words]);
  }
  return byEnding;
})();
/** States, provinces, country codes and SEC codes: one word each, dropped from the end. */
const TAIL_CODES: ReadonlySet<string> = new Set([...US_STATES, ...PROVINCES, ...COUNTRIES, ...SEC_CODES]);

/** Whether the last `n` words are one of `cities`. */
function endsWithCity(words: readonly string[], n: number, cities: readonly (readonly string[])[]): boolean {
  const from = words.length - n;
  for (const city of cities) {
    if (city.length !== n) continue;
    let k = 0;
    while (k < n && city[k] === words[from + k]) k++;
    if (k === n) return true;
  }
  return false;
}

/** Drops places, country codes and ACH SEC codes from the end, never the last word left. */
function dropPlaceTail(words: string[]): void {
  while (words.length > 1) {
    const last = words[words.length - 1]!;
    if (TAIL_CODES.has(last)) {
      words.pop();
      continue;
    }
    const cities = CITIES_BY_ENDING.get(last);
    if (cities === undefined) return;
    let dropped = false;
    for (let n = Math.min(3, words.length - 1); n >= 1 && !dropped; n--) {
      if (endsWithCity(words, n, cities)) {
        words.length -= n;
        dropped = true;
      }
    }
    if (!dropped) return;
  }
}

export function cleanDescriptor(raw: string): CleanDescriptor {
  const { rest, fallback } = stripPrefixes(raw.toUpperCase());
  const text = cleanText(rest);
  return { rest, fallback, text, name: titleCase(text) };
}

/** The payee's words in upper case, from text whose prefixes are already stripped. */
export function cleanText(rest: string): string {
  return payeeWords(rest).join(' ');
}

/** titleCase(cleanText(rest)), without joining the words only to split them again. */
export function cleanName(rest: string): string {
  const words = payeeWords(rest);
  let out = '';
  for (let k = 0; k < words.length; k++) out += (k === 0 ? '' : ' ') + titleWord(words[k]!, k === 0);
  return out;
}

/**
 * Which of the passes below a text calls for, read in one pass over it. The text holds `//`
 * (SEPA_PLACE); `ID`, `DES:`, `REF`, `CONF` or `TRACE` (ACH_ADDENDA); `CARD`; `HTTP` or `WWW.`
 * (URL); a star (REFERENCE); a dot (DOMAIN). PHONE and DATE are run where they may match:
 * ten digits, or a digit before a hyphen (`800-FLOWERS`); a digit, one of `/.-` and a digit,
 * or `ON ` and a digit at the start of a word (`ON 12 MAR`).
 */
const SLASHES = 1;
const ACH = 2;
const CARD = 4;
const WEB = 8;
const PHONE_SHAPE = 16;
const DATE_SHAPE = 32;
const STAR = 64;
const DOT = 128;

/** The characters passesFor() looks at, by what it does with them (0: nothing). */
const TRIGGER = (() => {
  const triggers = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) triggers[c] = 1;
  const chars = '/*.IDRCTHWO';
  for (let k = 0; k < chars.length; k++) triggers[chars.charCodeAt(k)] = k + 2;
  return triggers;
})();

function passesFor(s: string): number {
  const n = s.length;
  let found = 0;
  let digits = 0;
  let on = false;
  let dateShape = false;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(k);
    const trigger = c < 128 ? TRIGGER[c]! : 0;
    if (trigger === 0) continue;
    const next = k + 1 < n ? s.charCodeAt(k + 1) : 0;
    switch (trigger) {
      case 1: // a digit
        digits++;
        if (next === 45) found |= PHONE_SHAPE;
        if ((next === 47 || next === 46 || next === 45) && k + 2 < n && isDigit(s.charCodeAt(k + 2))) dateShape = true;
        break;
      case 2: // /
        if (next === 47) found |= SLASHES;
        break;
      case 3: // *
        found |= STAR;
        break;
      case 4: // .
        found |= DOT;
        break;
      case 5: // I
        if (next === 68) found |= ACH;
        break;
      case 6: // D
        if (next === 69 && s.startsWith('DES:', k)) found |= ACH;
        break;
      case 7: // R
        if (next === 69 && s.startsWith('REF', k)) found |= ACH;
        break;
      case 8: // C
        if (next === 79 && s.startsWith('CONF', k)) found |= ACH;
        else if (next === 65 && s.startsWith('CARD', k)) found |= CARD;
        break;
      case 9: // T
        if (next === 82 && s.startsWith('TRACE', k)) found |= ACH;
        break;
      case 10: // H
        if (next === 84 && s.startsWith('HTTP', k)) found |= WEB;
        break;
      case 11: // W
        if (next === 87 && s.startsWith('WWW.', k)) found |= WEB;
        break;
      case 12: // O
        // `\bON \d`: not the end of AMAZON or BOSTON.
        if (next === 78 && k + 3 < n && s.charCodeAt(k + 2) === 32 && isDigit(s.charCodeAt(k + 3))) {
          on ||= k === 0 || !isRegExpWordChar(s.charCodeAt(k - 1));
        }
        break;
    }
  }
  if (digits >= 10) found |= PHONE_SHAPE;
  if (digits > 0 && (dateShape || on)) found |= DATE_SHAPE;
  return found;
}

const FIRST_NON_SPACE = /\S/;

/** The payee's words in upper case, noise removed, from text whose prefixes are already stripped. */
function payeeWords(rest: string): string[] {
  let s = rest;
  // Each pass only where it can apply: this runs for every line the dictionary does not know.
  let passes = passesFor(s);
  if (passes & SLASHES) passes = passesFor((s = s.replace(SEPA_PLACE, '')));
  if (passes & ACH) passes = passesFor((s = s.replace(ACH_ADDENDA, ' ')));
  if (passes & CARD) passes = passesFor((s = s.replace(CARD_TAIL, ' ')));
  if (passes & WEB) passes = passesFor((s = s.replace(URL, ' ')));
  if (passes & PHONE_SHAPE) passes = passesFor((s = s.replace(PHONE, ' ')));
  if (passes & DATE_SHAPE) passes = passesFor((s = s.replace(DATE, ' ')));
  if (passes & STAR) passes = passesFor((s = s.replace(REFERENCE, ' ')));
  if (passes & DOT) {
    // A web address that opens the text is the payee's name (NETFLIX.COM); later it is noise.
    const start = s.search(FIRST_NON_SPACE);
    s = s.replace(DOMAIN, (_match, label: string, _sub: string, offset: number) => (offset === start ? label : ' '));
  }
  // Words between white space, `*`, `#`, `_` and `|`, without the punctuation at their ends.
  const words: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWordBreak(s.charCodeAt(i))) i++;
    let start = i;
    while (i < n && !isWordBreak(s.charCodeAt(i))) i++;
    let end = i;
    while (start < end && isEdgePunctuation(s.charCodeAt(start))) start++;
    while (end > start && isEdgePunctuation(s.charCodeAt(end - 1))) end--;
    if (start < end && !isNumberLike(s, start, end) && !isMask(s, start, end)) words.push(s.slice(start, end));
  }
  dropPlaceTail(words);
  return words;
}

/** Short words that stay lower case inside a name. */
const SMALL_WORDS = new Set([
  'A',
  'AN',
  'AND',
  'AT',
  'BY',
  'DA',
  'DE',
  'DEL',
  'DER',
  'DI',
  'FOR',
  'IN',
  'LA',
  'LE',
  'OF',
  'ON',
  'THE',
  'TO',
  'UND',
  'VON',
]);
const LEGAL_FORMS: ReadonlyMap<string, string> = new Map([
  ['GMBH', 'GmbH'],
  ['LLC', 'LLC'],
  ['INC', 'Inc'],
  ['AG', 'AG'],
  ['SE', 'SE'],
  ['KG', 'KG'],
  ['LTD', 'Ltd'],
  ['PLC', 'PLC'],
]);

/** After these a letter is capital again: CHICK-FIL-A, CVS/PHARMACY, O'REILLY. */
const CAPITAL_AFTER = new Set(['-', '/', '.', '&', "'", '’']);
/** A character CAPITAL_AFTER holds: - / . & ' ’ */
const isCapitalAfter = (c: number) => c === 45 || c === 47 || c === 46 || c === 38 || c === 39 || c === 0x2019;
/** A, E, I, O, U, Y, Ä, Ö, Ü */
const isVowel = (c: number) =>
  c === 65 || c === 69 || c === 73 || c === 79 || c === 85 || c === 89 || c === 0xc4 || c === 0xd6 || c === 0xdc;

function hasVowel(word: string): boolean {
  for (let k = 0; k < word.length; k++) if (isVowel(word.charCodeAt(k))) return true;
  return false;
}

function hasCapitalAfter(word: string): boolean {
  for (let k = 0; k < word.length; k++) if (isCapitalAfter(word.charCodeAt(k))) return true;
  return false;
}

function titleWord(word: string, first: boolean): string {
  const legal = LEGAL_FORMS.get(word);
  if (legal) return legal;
  if (!first && SMALL_WORDS.has(word)) return word.toLowerCase();
  // Initialisms have no vowel: BBQ, KFC, CVS.
  if (word.length <= 4 && !hasVowel(word)) return word;
  const lower = word.toLowerCase();
  if (!hasCapitalAfter(lower)) return lower[0]!.toUpperCase() + lower.slice(1);
  let out = '';
  let capital = true;
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    // Not the S of JOE'S.
    const possessive = ch === 's' && i === lower.length - 1 && (lower[i - 1] === "'" || lower[i - 1] === '’');
    out += capital && !possessive ? ch.toUpperCase() : ch;
    capital = CAPITAL_AFTER.has(ch);
  }
  return out;
}

/** `BLUE BOTTLE COFFEE` → `Blue Bottle Coffee`, `JOE'S PIZZA` → `Joe's Pizza`. */
export function titleCase(text: string): string {
  let out = '';
  let first = true;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf(' ', start);
    if (end < 0) end = text.length;
    if (end > start) {
      out += (first ? '' : ' ') + titleWord(text.slice(start, end), first);
      first = false;
    }
    start = end + 1;
  }
  return out;
}
