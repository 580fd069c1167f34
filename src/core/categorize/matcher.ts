import type { MerchantEntry } from './dictionary';
import type { KeywordGroup } from './keywords';
import { CITIES, COUNTRIES, PROVINCES, US_STATES } from './places';
import { normalizeAlias } from './tokens';

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
  next: Map<string, Node> | null;
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

const hasDigit = (token: string): boolean => {
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
};

/** Whether the words from `k` to the end of the text leave a standalone alias alone: a store number next, or only places. */
function standsAlone(tokens: readonly string[], k: number): boolean {
  if (k < tokens.length && hasDigit(tokens[k]!)) return true;
  for (; k < tokens.length && tokens[k] !== TEXT_BREAK; k++) {
    const token = tokens[k]!;
    if (!AFTER_ALONE.has(token) && !hasDigit(token)) return false;
  }
  return true;
}

function insert(root: Node, phrase: string): Node {
  let node = root;
  for (const token of phrase.split(' ')) {
    node.next ??= new Map();
    let child = node.next.get(token);
    if (!child) node.next.set(token, (child = newNode()));
    node = child;
  }
  return node;
}

/** Builds the trie; an alias or keyword claimed twice is a data error and throws. */
export function compileMatcher(merchants: readonly MerchantEntry[], keywords: readonly KeywordGroup[]): Matcher {
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
      const node = insert(root, alias);
      if (claim(node, alias, entry.name)) node.alone = hit;
    }
    // The entry's name is one of its aliases: standalone only, when it is one of those (Metro).
    for (const alias of new Set(entry.aliases.filter((a) => !a.startsWith('=')).map(normalizeAlias))) {
      if (alias === '' || alone.has(alias)) continue;
      const node = insert(root, alias);
      if (claim(node, alias, entry.name)) node.merchant = hit;
    }
  }
  for (const group of keywords) {
    const hit: KeywordHit = { category: group.category, whenOut: group.whenOut ?? null, weight: group.weight ?? 1 };
    for (const word of group.words) {
      const phrase = normalizeAlias(word);
      const node = insert(root, phrase);
      if (node.keyword) conflicts.push(`keyword "${phrase}" is in ${node.keyword.category} and ${group.category}`);
      else node.keyword = hit;
    }
  }
  if (conflicts.length > 0) throw new Error(`categorizer data: ${conflicts.join('; ')}`);

  return {
    match(tokens) {
      let merchant: MerchantHit | null = null;
      let merchantStart = -1;
      let merchantLength = 0;
      let keyword: KeywordHit | null = null;
      let keywordLength = 0;
      const n = tokens.length;
      // The first word of the bank's merchant name or of the description.
      let textStart = 0;
      for (let i = 0; i < n; i++) {
        if (tokens[i] === TEXT_BREAK) textStart = i + 1;
        let node: Node | undefined = root;
        for (let j = i; j < n; j++) {
          node = node.next?.get(tokens[j]!);
          if (!node) break;
          const length = j - i + 1;
          const hit = node.merchant ?? (node.alone && i === textStart && standsAlone(tokens, j + 1) ? node.alone : null);
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
        }
      }
      return { merchant, keyword };
    },
  };
}
