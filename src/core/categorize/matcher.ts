import type { MerchantEntry } from './dictionary';
import type { KeywordGroup } from './keywords';
import { CITIES, COUNTRIES, PROVINCES, US_STATES } from './places';
import { normalizeAlias } from './tokens';
import { BREAK, push, type TokenIds, UNKNOWN_NUMBER, Vocabulary } from './vocabulary';

/**
 * One compiled matcher over the merchant dictionary and the keywords: a trie of tokens,
 * walked once from each word of a descriptor. A transaction costs a few map look-ups per
 * word however many hundreds of aliases there are, and matches are whole words by
 * construction (COFFEE is never FEE, CURRENT never RENT).
 *
 * An alias written with a leading `=` (`=METRO`, `=DIA`, `=ROGERS`) is a short, common
 * word that names the chain only when it stands alone: it opens the text and nothing but a
 * store number, a place or a legal form follows it (`METRO 142 MONTREAL QC`, `DIA 12345
 * SEVILLA`, `ROGERS ******1234`). `METRO TRANSIT`, `METRO DINER` or `KING COUNTY METRO`
 * are not the chain and fall through to longer aliases and keywords. The check runs only
 * when such an alias is hit at the start of a text, so it costs nothing elsewhere.
 */

export interface MerchantHit {
  name: string;
  category: string;
}

export interface KeywordHit {
  category: string;
  /** The category when money goes out, if it differs. */
  whenOut: string | null;
  weight: number;
}

interface Node {
  /** Children by word number (vocabulary.ts). */
  next: Map<number, Node> | null;
  merchant: MerchantHit | null;
  /** The merchant an `=` alias names when it stands alone. */
  alone: MerchantHit | null;
  keyword: KeywordHit | null;
}

export interface Match {
  /** The earliest known merchant, the longest alias at that word. */
  merchant: MerchantHit | null;
  /** The longest keyword phrase, then the heaviest, then the earliest. */
  keyword: KeywordHit | null;
}

/** Never a token (tokens hold no spaces): separates texts so no alias spans two of them. */
export const TEXT_BREAK = ' ';

export interface Matcher {
  match(tokens: readonly string[]): Match;
  /**
   * match() of the bank's merchant name (when there is one) and the upper-case description,
   * `tokenize(merchant).concat(TEXT_BREAK, tokenizeUpper(upper))`, read without making a
   * string of each word.
   */
  matchText(merchant: string | null, upper: string): Match;
}

const newNode = (): Node => ({ next: null, merchant: null, alone: null, keyword: null });

/**
 * What may follow a standalone alias: place names, codes of states, provinces and countries,
 * legal forms. Not DE, though it is Delaware and Germany: `METRO DE PALMA` is a metro.
 */
const AFTER_ALONE: ReadonlySet<string> = new Set(
  [
    ...[...CITIES].flatMap((city) => normalizeAlias(city).split(' ')),
    ...US_STATES,
    ...PROVINCES,
    ...COUNTRIES,
    ...['INC', 'LTD', 'LTEE', 'LIMITED', 'CORP', 'CO', 'SA', 'SAU', 'SL', 'SLU', 'PTY', 'PLC', 'GMBH', 'BV', 'SRL', 'SPA'],
  ].filter((word) => word !== 'DE'),
);

function insert(root: Node, vocabulary: Vocabulary, phrase: string): Node {
  let node = root;
  for (const token of phrase.split(' ')) {
    const id = vocabulary.add(token);
    node.next ??= new Map();
    let child = node.next.get(id);
    if (!child) node.next.set(id, (child = newNode()));
    node = child;
  }
  return node;
}

/** Builds the trie; an alias or keyword claimed twice is a data error and throws. */
export function compileMatcher(merchants: readonly MerchantEntry[], keywords: readonly KeywordGroup[]): Matcher {
  // Words are numbered as the trie is built: every word on an edge, then the words that may follow a standalone alias.
  const vocabulary = new Vocabulary();
  const root = newNode();
  const conflicts: string[] = [];
  const claim = (node: Node, alias: string, name: string) => {
    const other = node.merchant ?? node.alone;
    if (other) conflicts.push(`alias "${alias}" of ${name} is also ${other.name}'s`);
    return !other;
  };
  for (const entry of merchants) {
    const hit: MerchantHit = { name: entry.name, category: entry.category };
    const alone = new Set(entry.aliases.filter((a) => a.startsWith('=')).map((a) => normalizeAlias(a.slice(1))));
    for (const alias of alone) {
      if (alias === '') continue;
      const node = insert(root, vocabulary, alias);
      if (claim(node, alias, entry.name)) node.alone = hit;
    }
    // The entry's name is one of its aliases: standalone only, when it is one of those (Metro).
    for (const alias of new Set(entry.aliases.filter((a) => !a.startsWith('=')).map(normalizeAlias))) {
      if (alias === '' || alone.has(alias)) continue;
      const node = insert(root, vocabulary, alias);
      if (claim(node, alias, entry.name)) node.merchant = hit;
    }
  }
  for (const group of keywords) {
    const hit: KeywordHit = { category: group.category, whenOut: group.whenOut ?? null, weight: group.weight ?? 1 };
    for (const word of group.words) {
      const phrase = normalizeAlias(word);
      const node = insert(root, vocabulary, phrase);
      if (node.keyword) conflicts.push(`keyword "${phrase}" is in ${node.keyword.category} and ${group.category}`);
      else node.keyword = hit;
    }
  }
  if (conflicts.length > 0) throw new Error(`categorizer data: ${conflicts.join('; ')}`);

  for (const word of AFTER_ALONE) vocabulary.add(word);
  vocabulary.seal();
  /** The root's children by word number: the look-up made at every word of a text. */
  const first: (Node | undefined)[] = Array.from({ length: vocabulary.size }, (_, id) => root.next?.get(id));
  const afterAlone = new Uint8Array(vocabulary.size);
  for (const word of AFTER_ALONE) afterAlone[vocabulary.idOf(word)] = 1;
  const digits = vocabulary.digits;
  const hasDigit = (id: number) => id === UNKNOWN_NUMBER || (id >= 0 && digits[id] === 1);

  /** Whether the words from `k` to the end of the text leave a standalone alias alone: a store number next, or only places. */
  const standsAlone = (ids: Int32Array, n: number, k: number): boolean => {
    if (k < n && hasDigit(ids[k]!)) return true;
    for (; k < n && ids[k] !== BREAK; k++) {
      const id = ids[k]!;
      if (!(id >= 0 && afterAlone[id] === 1) && !hasDigit(id)) return false;
    }
    return true;
  };

  const matchIds = (ids: Int32Array, n: number): Match => {
    let merchant: MerchantHit | null = null;
    let merchantStart = -1;
    let merchantLength = 0;
    let keyword: KeywordHit | null = null;
    let keywordLength = 0;
    // The first word of the bank's merchant name or of the description.
    let textStart = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (id < 0) {
        if (id === BREAK) textStart = i + 1;
        continue;
      }
      let node = first[id];
      for (let j = i; node !== undefined;) {
        const length = j - i + 1;
        const hit = node.merchant ?? (node.alone && i === textStart && standsAlone(ids, n, j + 1) ? node.alone : null);
        // Merchants: the first one named wins (DD *DOORDASH CHIPOTLE is DoorDash), longest alias at that word.
        if (hit && (merchantStart === -1 || (merchantStart === i && length > merchantLength))) {
          merchant = hit;
          merchantStart = i;
          merchantLength = length;
        }
        // Keywords: longest phrase, then weight; the earlier wins a tie since later ones must beat it.
        if (node.keyword && (length > keywordLength || (length === keywordLength && node.keyword.weight > keyword!.weight))) {
          keyword = node.keyword;
          keywordLength = length;
        }
        if (++j >= n || node.next === null) break;
        const next = ids[j]!;
        node = next >= 0 ? node.next.get(next) : undefined;
      }
    }
    return { merchant, keyword };
  };

  // One buffer for the word numbers of the text being matched: matching is synchronous.
  const buffer: TokenIds = { ids: new Int32Array(64), length: 0 };
  return {
    match(tokens) {
      buffer.length = 0;
      for (const token of tokens) push(buffer, token === TEXT_BREAK ? BREAK : vocabulary.idOf(token));
      return matchIds(buffer.ids, buffer.length);
    },
    matchText(merchant, upper) {
      buffer.length = 0;
      if (merchant) {
        vocabulary.read(merchant.toUpperCase(), buffer);
        push(buffer, BREAK);
      }
      vocabulary.read(upper, buffer);
      return matchIds(buffer.ids, buffer.length);
    },
  };
}
