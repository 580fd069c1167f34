import { builtinTopOf } from '../categories/taxonomy';
import { cleanName, stripPrefixes } from './clean-descriptor';
import { MERCHANT_DATA, merchantEntries, type MerchantData } from './dictionary';
import { KEYWORD_GROUPS, type KeywordGroup } from './keywords';
import { compileMatcher, type Match, type Matcher } from './matcher';

export type CategorySource = 'builtin' | 'provider' | 'none';

export interface CategoryGuess {
  category: string;
  source: CategorySource;
  /** The payee's clean name: the dictionary's when it knows the merchant, else the tidied text. */
  merchant?: string;
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

export interface CategorizerOptions {
  merchants?: MerchantData;
  keywords?: readonly KeywordGroup[];
}

/** Bank category labels that map to ours, normalized (lower case, `&` as `and`, `_` between words). */
const PROVIDER_CATEGORIES: Readonly<Record<string, string>> = {
  income: 'income',
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
  bills_and_utilities: 'utilities',
  rent_and_utilities: 'utilities',
  rent: 'rent',
  housing: 'home',
  home: 'home',
  medical: 'health',
  health: 'health',
  health_and_wellness: 'health',
  entertainment: 'entertainment',
  transfer: 'transfer',
  transfers: 'transfer',
  transfer_in: 'transfer',
  transfer_out: 'transfer',
  loan_payments: 'debt',
  bank_fees: 'fees',
  fees: 'fees',
  fees_and_adjustments: 'fees',
};

const AMPERSAND = /&/g;
const NOT_WORD = /[^a-z0-9]+/g;
const EDGE_UNDERSCORE = /^_|_$/g;
const providerKey = (label: string) =>
  label.toLowerCase().replace(AMPERSAND, ' and ').replace(NOT_WORD, '_').replace(EDGE_UNDERSCORE, '');

/**
 * finagg's category for a label of another tool or bank (a Quicken category such as
 * `Food:Groceries`, a bank's `Food & Drink`): the leaf as one of finagg's names
 * (`known`), else a bank label finagg knows; undefined when neither.
 */
export function categoryOfLabel(label: string, known: ReadonlySet<string>): string | undefined {
  const leaf = label.split(':').pop()!.trim();
  const name = leaf.toLowerCase().replace(/&/g, ' and ').replace(/\s+/g, '-');
  if (known.has(name)) return name;
  return PROVIDER_CATEGORIES[providerKey(leaf)];
}

/** A check's descriptor: `CHECK 1000`, `CHK #1001`, `CHEQUE NO. 52`. */
const CHECK = /^(?:CHECK|CHK|CHEQUE)\s*(?:NO\.?|#)?\s*(\d{1,12})$/;
const MAY_BE_CHECK = /^\s*C/;

/** A check is told by its number (the clean name would drop it and leave "Check"). */
function checkName(rest: string): string | undefined {
  // Most lines do not begin with a C: no need to trim them for the pattern.
  if (!MAY_BE_CHECK.test(rest)) return undefined;
  const check = CHECK.exec(rest.trim());
  return check ? `Check ${check[1]}` : undefined;
}

/** Compiling the dictionary takes some milliseconds: once per process for the built-in data. */
let compiled: Matcher | undefined;
const defaultMatcher = (): Matcher => (compiled ??= compileMatcher(merchantEntries(MERCHANT_DATA), KEYWORD_GROUPS));

/**
 * The built-in categorizer. Precedence: a known merchant, then keywords, then the bank's own
 * category, then what the card processor implies (`TST*` is a restaurant), then uncategorized.
 * The sign of the amount matters: money in named as pay is income even at a known company;
 * money in at a shop is a refund and keeps the shop's category; money out is never income.
 */
export function createCategorizer(options: CategorizerOptions = {}): Categorizer {
  const matcher =
    options.merchants || options.keywords
      ? compileMatcher(merchantEntries(options.merchants ?? MERCHANT_DATA), options.keywords ?? KEYWORD_GROUPS)
      : defaultMatcher();

  const decide = (found: Match, amountCents: number): string | null => {
    const out = amountCents < 0;
    const { merchant, keyword } = found;
    if (keyword?.category === 'income' && !out) {
      // Pay from a known payroll service is a paycheck; pay at a shop is still income, not a refund.
      return merchant && builtinTopOf(merchant.category) === 'income' ? merchant.category : 'income';
    }
    // Money out to a payroll service or a benefits office is not pay (a payroll fee, a repayment).
    if (merchant) return out && builtinTopOf(merchant.category) === 'income' ? 'transfer' : merchant.category;
    if (keyword) return out && keyword.whenOut ? keyword.whenOut : keyword.category;
    return null;
  };

  return {
    categorize({ description, merchant, amountCents, providerCategory }) {
      const upper = description.toUpperCase();
      const { rest, fallback } = stripPrefixes(upper);
      // The bank's merchant name first, when it gives one: it is the cleanest text there is.
      let found = matcher.matchText(merchant, rest);
      // Nothing after a processor prefix: the prefix may be part of a name after all (GOOGLE *FI).
      if (!found.merchant && !found.keyword && rest.length < upper.length) found = matcher.matchText(merchant, upper);
      const name = found.merchant?.name ?? merchant ?? checkName(rest) ?? (cleanName(rest) || undefined);

      let category = decide(found, amountCents);
      let source: CategorySource = 'builtin';
      if (category === null) {
        const hinted = providerCategory ? PROVIDER_CATEGORIES[providerKey(providerCategory)] : undefined;
        if (hinted) {
          category = hinted;
          source = 'provider';
        } else if (fallback) {
          category = fallback;
        } else {
          category = 'uncategorized';
          source = 'none';
        }
      }
      return name === undefined ? { category, source } : { category, source, merchant: name };
    },
  };
}
