/** Which text of a transaction a rule reads. */
export type RuleField = 'description' | 'merchant';

/**
 * A person's categorization rule. It matches literal text (whole words, any case) or a
 * /regex/ (any case) on the description or the merchant, optionally only within an
 * amount range (the size of the amount, in or out, as `tx --min/--max`) and one
 * account; it sets the category and may rename the merchant. Higher priority wins;
 * among equal priorities, the older rule.
 */
export interface Rule {
  id: number;
  /** As typed, without the slashes of a regex. */
  match: string;
  isRegex: boolean;
  field: RuleField;
  minCents: number | null;
  maxCents: number | null;
  accountId: number | null;
  category: string;
  renameMerchant: string | null;
  priority: number;
  /**
   * A habit learned from the person's edits (app/learn-category.ts): the transactions
   * whose edits taught it. Learned rules are tried after every rule the person wrote.
   */
  learnedFrom: number[] | null;
}

export type RuleDraft = Omit<Rule, 'id' | 'learnedFrom'> & { learnedFrom?: number[] | null };

/** A problem with a rule as typed, naming the option it came from. */
export class RuleError extends Error {
  constructor(
    readonly field: 'match' | 'min' | 'max' | 'category' | 'rename',
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

// `//` too: an empty regex, refused below as one that matches everything.
const REGEX_TEXT = /^\/(.*)\/(i?)$/s;

/**
 * `--match` as typed: `/body/` is a regular expression (case-insensitive, so `/body/i`
 * is the same), anything else is literal text.
 */
export function parseMatch(text: string): { match: string; isRegex: boolean } {
  const trimmed = text.trim();
  if (trimmed === '') throw new RuleError('match', 'must not be empty');
  const regex = REGEX_TEXT.exec(trimmed);
  if (!regex) {
    if (/^\/.*\/[a-z]+$/s.test(trimmed))
      throw new RuleError('match', 'a regex takes no flags but i (it is always case-insensitive)');
    return { match: trimmed, isRegex: false };
  }
  const body = regex[1]!;
  let compiled: RegExp;
  try {
    compiled = new RegExp(body, 'i');
  } catch (error) {
    throw new RuleError('match', `not a valid regex: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  // A regex that matches empty text matches every transaction.
  if (compiled.test('')) throw new RuleError('match', 'the regex matches empty text, so it would match every transaction');
  return { match: body, isRegex: true };
}

/** How a rule's match reads back on the command line. */
export function showMatch(rule: Pick<Rule, 'match' | 'isRegex'>): string {
  return rule.isRegex ? `/${rule.match}/` : rule.match;
}

/** Category names: lower case words joined by - or _, as the built-in ones. */
export const CATEGORY_NAME = /^[a-z][a-z0-9_-]{0,39}$/;

/** Checks a draft before it is stored; throws a RuleError naming the option. */
export function checkRuleDraft(draft: RuleDraft): void {
  if (draft.minCents !== null && draft.maxCents !== null && draft.minCents > draft.maxCents)
    throw new RuleError('max', 'must not be below --min');
  if (!CATEGORY_NAME.test(draft.category))
    throw new RuleError('category', 'must be a lower-case name such as groceries or pet-care (letters, digits, - or _)');
  if (draft.renameMerchant !== null && draft.renameMerchant.trim() === '') throw new RuleError('rename', 'must not be empty');
}
