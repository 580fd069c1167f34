import type { Rule, RuleField } from './rule';

/** What a rule may read of a transaction. */
export interface RuleSubject {
  description: string;
  merchant: string | null;
  amountCents: number;
  accountId: number;
}

export interface RuleMatcher {
  /** The winning rule: the person's before learned ones, highest priority, then oldest; undefined when none matches. */
  match(subject: RuleSubject): Rule | undefined;
  readonly size: number;
}

/** Text taken literally inside a regular expression. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Letters of the Latin scripts and digits: a literal match is whole words, so `shell`
// does not match SHELLFISH, nor `rent` CURRENT.
const WORD = 'A-Za-z0-9\\u00C0-\\u024F';

function patternOf(rule: Pick<Rule, 'match' | 'isRegex'>): string {
  if (rule.isRegex) return rule.match;
  return `(?<![${WORD}])${escapeRegex(rule.match)}(?![${WORD}])`;
}

/** A backreference would point at the wrong group once patterns are joined. */
const BACKREFERENCE = /\\[1-9]|\\k</;

/**
 * Compiles the rules once. Each field gets one joined expression over all its rules,
 * run once per transaction: most transactions match no rule, and they pay for that one
 * search only. A hit then checks the rules of that field in priority order, each with
 * its own expression and its amount and account conditions.
 */
export function compileRules(rules: readonly Rule[]): RuleMatcher {
  // The person's rules first, then the habits learned from their edits.
  const learned = (r: Rule) => (r.learnedFrom ? 1 : 0);
  const ordered = [...rules].sort((a, b) => learned(a) - learned(b) || b.priority - a.priority || a.id - b.id);
  const compiled = ordered.map((rule) => ({ rule, regex: new RegExp(patternOf(rule), 'i') }));
  const prefilter = (field: RuleField): RegExp | null => {
    const own = ordered.filter((r) => r.field === field);
    if (own.length === 0 || own.some((r) => r.isRegex && BACKREFERENCE.test(r.match))) return null;
    return new RegExp(own.map((r) => `(?:${patternOf(r)})`).join('|'), 'i');
  };
  const anyOf: Record<RuleField, RegExp | null> = { description: prefilter('description'), merchant: prefilter('merchant') };
  const hasField: Record<RuleField, boolean> = {
    description: ordered.some((r) => r.field === 'description'),
    merchant: ordered.some((r) => r.field === 'merchant'),
  };

  return {
    size: ordered.length,
    match(subject) {
      if (compiled.length === 0) return undefined;
      const text: Record<RuleField, string | null> = { description: subject.description, merchant: subject.merchant };
      const candidate = (field: RuleField) =>
        hasField[field] && text[field] !== null && (anyOf[field] === null || anyOf[field]!.test(text[field]!));
      const fields = { description: candidate('description'), merchant: candidate('merchant') };
      if (!fields.description && !fields.merchant) return undefined;
      const size = Math.abs(subject.amountCents);
      for (const { rule, regex } of compiled) {
        if (!fields[rule.field]) continue;
        if (rule.accountId !== null && rule.accountId !== subject.accountId) continue;
        if (rule.minCents !== null && size < rule.minCents) continue;
        if (rule.maxCents !== null && size > rule.maxCents) continue;
        if (regex.test(text[rule.field]!)) return rule;
      }
      return undefined;
    },
  };
}
