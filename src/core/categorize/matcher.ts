import type { MerchantEntry } from './dictionary';
import type { KeywordGroup } from './keywords';
import { normalizeAlias } from './tokens';

/**
 * One compiled matcher over the merchant dictionary and the keywords: a trie of tokens,
 * walked once from each word of a descriptor. A transaction costs a few map look-ups per
 * word however many hundreds of aliases there are, and matches are whole words by
 * construction (COFFEE is never FEE, CURRENT never RENT).
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

const newNode = (): Node => ({ next: null, merchant: null, keyword: null });

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
  for (const entry of merchants) {
    const hit: MerchantHit = { name: entry.name, category: entry.category };
    for (const alias of new Set(entry.aliases.map(normalizeAlias))) {
      if (alias === '') continue;
      const node = insert(root, alias);
      if (node.merchant) conflicts.push(`alias "${alias}" of ${entry.name} is also ${node.merchant.name}'s`);
      else node.merchant = hit;
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
      for (let i = 0; i < n; i++) {
        let node: Node | undefined = root;
        for (let j = i; j < n; j++) {
          node = node.next?.get(tokens[j]!);
          if (!node) break;
          const length = j - i + 1;
          // Merchants: the first one named wins (DD *DOORDASH CHIPOTLE is DoorDash), longest alias at that word.
          if (node.merchant && (merchantStart === -1 || (merchantStart === i && length > merchantLength))) {
            merchant = node.merchant;
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
