import { CITIES, COUNTRIES, PROVINCES, US_STATES } from './places';
import { CHANNEL_PREFIXES } from './prefixes';

/**
 * Statement text to a payee's name. `SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA` is Blue Bottle
 * Coffee, `POS DEBIT 4451 SHELL OIL 57442658100` is Shell Oil: the channel, the processor,
 * store and terminal numbers, phone numbers, order codes, web addresses, dates and the
 * place are what banks add around the name.
 */

export interface StrippedPrefixes {
  /** The upper-case text after the channel and processor prefixes. */
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

// Star patterns end at the star; the others must end at a word's end (POS is not POSITANO).
const prefixSource = CHANNEL_PREFIXES.map(
  ({ pattern }) => `(${pattern}${pattern.endsWith('\\*') ? '' : '(?![A-Z0-9&])'})[\\s:-]*`,
).join('|');
const PREFIX = new RegExp(`^(?:${prefixSource})`);
/** A processor's fallback, by its capture group (group 1 is the first pattern). */
const FALLBACKS = CHANNEL_PREFIXES.map((p) => p.fallback ?? null);
/** Prefixes in front of prefixes: `POS DEBIT 0412 SQ *`. */
const MAX_PREFIXES = 4;

/** Removes what banks print in front of the payee, as long as something is left after it. */
export function stripPrefixes(upper: string): StrippedPrefixes {
  let rest = upper.trimStart();
  let fallback: string | null = null;
  for (let i = 0; i < MAX_PREFIXES; i++) {
    const m = PREFIX.exec(rest);
    if (!m || m[0].length >= rest.length) break;
    const after = rest.slice(m[0].length);
    // A prefix followed only by punctuation or digits is the whole descriptor (`POS DEBIT 1234`).
    if (!/[A-Z]/.test(after)) break;
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        fallback = FALLBACKS[g - 1] ?? fallback;
        break;
      }
    }
    rest = after;
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
/** Wells Fargo's tail: a terminal reference and the card's last four. */
const CARD_TAIL = /\s+(?:S\d{9,}\s+)?CARD\s+\d{4}\s*$/;
/** A web address: `HELP.UBER.COM`, `AMZN.COM/BILL`, `LIEFERANDO.DE`. */
const DOMAIN = /\b([A-Z0-9][A-Z0-9-]*)((?:\.[A-Z0-9-]+)*)\.(?:COM|NET|ORG|CO|IO|DE|UK|TV|APP|AI|ME|US|EU|FM|GG)\b(?:\/\S*)?/g;
const HAS_DIGIT = /\d/;
const WORD_BREAK = /[\s*#_|]+/;
const EDGE_PUNCTUATION = /^[-.,:;/+!?()[\]"]+|[-.,:;/+!?()[\]"]+$/g;
const EDGE_PUNCTUATION_TEST = /^[-.,:;/+!?()[\]"]|[-.,:;/+!?()[\]"]$/;

/** A number, or a code with a digit in it: store, terminal, order and account numbers. */
function isNumberLike(word: string): boolean {
  if (!HAS_DIGIT.test(word)) return false;
  // Names with digits are joined by a hyphen or ampersand: 7-ELEVEN, 1-800-FLOWERS, 1&1.
  return !/[A-Z][-&]\d|\d[-&][A-Z]|\d&\d/.test(word);
}

/** A masked account number (`XXXXXX1234` loses its digits above, `XXXX` stays). */
const isMask = (word: string) => /^X{3,}$/.test(word);

/** The last word of every city: most words end no city, and need no longer look. */
const CITY_ENDINGS: ReadonlySet<string> = new Set([...CITIES].map((city) => city.slice(city.lastIndexOf(' ') + 1)));

/** Drops places, country codes and ACH SEC codes from the end, never the last word left. */
function dropPlaceTail(words: string[]): void {
  while (words.length > 1) {
    const last = words[words.length - 1]!;
    if (US_STATES.has(last) || PROVINCES.has(last) || COUNTRIES.has(last) || SEC_CODES.has(last)) {
      words.pop();
      continue;
    }
    if (!CITY_ENDINGS.has(last)) return;
    let dropped = false;
    for (let n = Math.min(3, words.length - 1); n >= 1 && !dropped; n--) {
      if (CITIES.has(words.slice(-n).join(' '))) {
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
  let s = rest;
  // Each pass only where it can apply: this runs for every line the dictionary does not know.
  if (s.includes('//')) s = s.replace(SEPA_PLACE, '');
  if (s.includes('ID') || s.includes('DES:') || s.includes('REF') || s.includes('CONF') || s.includes('TRACE'))
    s = s.replace(ACH_ADDENDA, ' ');
  if (s.includes('CARD')) s = s.replace(CARD_TAIL, ' ');
  if (s.includes('HTTP') || s.includes('WWW.')) s = s.replace(URL, ' ');
  if (HAS_DIGIT.test(s)) s = s.replace(PHONE, ' ').replace(DATE, ' ');
  if (s.includes('*')) s = s.replace(REFERENCE, ' ');
  if (s.includes('.')) {
    // A web address that opens the text is the payee's name (NETFLIX.COM); later it is noise.
    const start = s.search(/\S/);
    s = s.replace(DOMAIN, (_match, label: string, _sub: string, offset: number) => (offset === start ? label : ' '));
  }
  const words: string[] = [];
  for (const part of s.split(WORD_BREAK)) {
    const word = EDGE_PUNCTUATION_TEST.test(part) ? part.replace(EDGE_PUNCTUATION, '') : part;
    if (word !== '' && !isNumberLike(word) && !isMask(word)) words.push(word);
  }
  dropPlaceTail(words);
  return words.join(' ');
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
const INNER_CAPITAL = /[-/.&'’]/;

function titleWord(word: string, first: boolean): string {
  const legal = LEGAL_FORMS.get(word);
  if (legal) return legal;
  if (!first && SMALL_WORDS.has(word)) return word.toLowerCase();
  // Initialisms have no vowel: BBQ, KFC, CVS.
  if (word.length <= 4 && !/[AEIOUYÄÖÜ]/.test(word)) return word;
  const lower = word.toLowerCase();
  if (!INNER_CAPITAL.test(lower)) return lower[0]!.toUpperCase() + lower.slice(1);
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
  for (const word of text.split(' ')) {
    if (word === '') continue;
    out += (first ? '' : ' ') + titleWord(word, first);
    first = false;
  }
  return out;
}
