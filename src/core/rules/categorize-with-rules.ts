import type { Categorizer } from '../categorize/categorizer';
import type { CategorySource, MerchantSource } from '../transaction';
import type { RuleMatcher } from './rule-matcher';

export interface CategorizeSubject {
  accountId: number;
  description: string;
  /** The bank's merchant name, when it gives one. */
  merchant: string | null;
  amountCents: number;
  providerCategory: string | null;
}

export interface Categorization {
  category: string;
  source: Exclude<CategorySource, 'user'>;
  ruleId: number | null;
  merchant: string | null;
  merchantSource: Exclude<MerchantSource, 'user'>;
  /** The rule was learned from the person's edits (stored as source `rule`, shown as `learned`). */
  learned?: boolean;
}

/**
 * The precedence of DESIGN.md below a manual edit: a person's rule, then a habit learned
 * from their edits (a rule tried after theirs, app/learn-category.ts), then the built-in
 * categorizer, then the bank's hint, then uncategorized (the last two inside the
 * built-in categorizer). The merchant is the bank's, else the clean name the built-in
 * categorizer reads from the description; a rule may rename it. Rules on the merchant
 * field read that same name, so a rule works for banks that send no merchant.
 */
export function categorizeWithRules(rules: RuleMatcher, builtin: Categorizer, subject: CategorizeSubject): Categorization {
  const guess = builtin.categorize(subject);
  const cleanMerchant = subject.merchant ?? guess.merchant ?? null;
  const merchantSource = subject.merchant !== null ? 'provider' : 'builtin';
  const rule = rules.match({ ...subject, merchant: cleanMerchant });
  if (rule) {
    return {
      category: rule.category,
      source: 'rule',
      ruleId: rule.id,
      merchant: rule.renameMerchant ?? cleanMerchant,
      merchantSource: rule.renameMerchant !== null ? 'rule' : merchantSource,
      ...(rule.learnedFrom !== null ? { learned: true } : {}),
    };
  }
  return { category: guess.category, source: guess.source, ruleId: null, merchant: cleanMerchant, merchantSource };
}
