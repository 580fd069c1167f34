import { CATEGORY_KEYWORDS } from './keywords';

export type CategorySource = 'builtin' | 'provider' | 'none';

export interface CategoryGuess {
  category: string;
  source: CategorySource;
}

export interface CategorizeInput {
  description: string;
  merchant: string | null;
  amountCents: number;
  providerCategory: string | null;
}

export interface Categorizer {
  categorize(input: CategorizeInput): CategoryGuess;
}

/** Bank category labels that map to ours; anything else is ignored. */
const PROVIDER_CATEGORIES: Readonly<Record<string, string>> = {
  groceries: 'groceries',
  grocery: 'groceries',
  food_and_drink: 'dining',
  restaurants: 'dining',
  dining: 'dining',
  gas: 'gas',
  fuel: 'gas',
  transportation: 'transport',
  travel: 'travel',
  shopping: 'shopping',
  general_merchandise: 'shopping',
  subscription: 'subscriptions',
  subscriptions: 'subscriptions',
  utilities: 'utilities',
  rent: 'housing',
  housing: 'housing',
  medical: 'health',
  health: 'health',
  entertainment: 'entertainment',
  transfer: 'transfer',
  transfer_in: 'transfer',
  transfer_out: 'transfer',
  income: 'income',
  bank_fees: 'fees',
  fees: 'fees',
};

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One compiled matcher over the whole keyword dictionary: a single regular expression
 * run once per transaction, rather than a loop over rules. The earliest keyword in the
 * text wins; among keywords at one position the longest, because the alternatives are
 * ordered longest first (so `UBER EATS` is dining, not transport).
 */
export function createCategorizer(keywords: Readonly<Record<string, readonly string[]>> = CATEGORY_KEYWORDS): Categorizer {
  const categories = Object.keys(keywords);
  const words = categories
    .flatMap((category) => keywords[category]!.map((word) => ({ word: word.toUpperCase(), category })))
    .sort((a, b) => b.word.length - a.word.length);
  const byWord = new Map(words.map((w) => [w.word, w.category]));
  // Keywords are whole words: FEE must not match inside COFFEE, RENT not inside CURRENT.
  const matcher = new RegExp(`(?<![A-Z0-9])(?:${words.map((w) => escape(w.word)).join('|')})(?![A-Z0-9])`, 'g');

  return {
    categorize({ description, merchant, amountCents, providerCategory }) {
      const text = `${merchant ?? ''} ${description}`.toUpperCase();
      matcher.lastIndex = 0;
      const match = matcher.exec(text);
      if (match) {
        const category = byWord.get(match[0])!;
        // Money in at a shop is a refund, still that shop's category; money in named as
        // pay is income; money out is never income.
        if (category === 'income' && amountCents < 0) return { category: 'transfer', source: 'builtin' };
        return { category, source: 'builtin' };
      }
      const hinted = providerCategory ? PROVIDER_CATEGORIES[providerCategory.toLowerCase().replace(/[\s-]+/g, '_')] : undefined;
      if (hinted) return { category: hinted, source: 'provider' };
      return { category: 'uncategorized', source: 'none' };
    },
  };
}
