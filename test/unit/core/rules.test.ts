import { describe, expect, it } from 'vitest';
import { parseMatch, type Rule, RuleError } from '../../../src/core/rules/rule';
import { compileRules } from '../../../src/core/rules/rule-matcher';

const rule = (id: number, over: Partial<Rule>): Rule => ({
  id,
  match: 'x',
  isRegex: false,
  field: 'description',
  minCents: null,
  maxCents: null,
  accountId: null,
  category: 'dining',
  renameMerchant: null,
  priority: 0,
  learnedFrom: null,
  ...over,
});
const subject = (
  description: string,
  over: Partial<{ merchant: string | null; amountCents: number; accountId: number }> = {},
) => ({
  description,
  merchant: null,
  amountCents: -1250,
  accountId: 1,
  ...over,
});

describe('a rule match as typed', () => {
  it('is literal text, or a /regex/', () => {
    expect(parseMatch(' blue bottle ')).toEqual({ match: 'blue bottle', isRegex: false });
    expect(parseMatch('/^SQ \\*FARM/')).toEqual({ match: '^SQ \\*FARM', isRegex: true });
    expect(parseMatch('/netflix/i')).toEqual({ match: 'netflix', isRegex: true });
  });

  it('refuses an empty match, a broken regex, a regex that matches everything, and unknown flags', () => {
    const error = (text: string) => {
      try {
        parseMatch(text);
      } catch (e) {
        return (e as RuleError).message;
      }
      return 'accepted';
    };
    expect(error('  ')).toBe('must not be empty');
    expect(error('/(unclosed/')).toMatch(/^not a valid regex/);
    expect(error('/.*/')).toMatch(/matches empty text/);
    expect(error('/abc/g')).toMatch(/no flags but i/);
  });
});

describe('the compiled rules', () => {
  it('match literal text as whole words in any case', () => {
    const rules = compileRules([rule(1, { match: 'shell' })]);
    expect(rules.match(subject('POS DEBIT 4451 SHELL OIL 5744'))?.id).toBe(1);
    expect(rules.match(subject('SHELLFISH SHACK'))).toBeUndefined();
  });

  it('take the highest priority, then the oldest rule', () => {
    const rules = compileRules([
      rule(1, { match: 'amzn', category: 'shopping' }),
      rule(2, { match: 'amzn.*prime', isRegex: true, category: 'subscriptions', priority: 5 }),
      rule(3, { match: 'amzn', category: 'gifts' }),
    ]);
    expect(rules.match(subject('AMZN PRIME*2K3L'))?.id).toBe(2);
    expect(rules.match(subject('AMZN Mktp US*2K3L'))?.id).toBe(1);
  });

  it('honour the amount range (size, in or out), the account and the field', () => {
    const rules = compileRules([
      rule(1, { match: 'acme', minCents: 100_000, category: 'income' }),
      rule(2, { match: 'acme', maxCents: 5_000, accountId: 2, category: 'fees' }),
      rule(3, { match: 'blue bottle', field: 'merchant' }),
    ]);
    expect(rules.match(subject('ACH DEP ACME CORP', { amountCents: 250_000 }))?.id).toBe(1);
    expect(rules.match(subject('ACME SERVICE CHARGE', { amountCents: -1_000, accountId: 2 }))?.id).toBe(2);
    expect(rules.match(subject('ACME SERVICE CHARGE', { amountCents: -1_000, accountId: 1 }))).toBeUndefined();
    expect(rules.match(subject('SQ *BBC 123', { merchant: 'Blue Bottle' }))?.id).toBe(3);
    expect(rules.match(subject('BLUE BOTTLE COFFEE'))).toBeUndefined(); // a merchant rule reads the merchant only
  });

  it('still work with a backreference, which cannot join the shared search', () => {
    const rules = compileRules([rule(1, { match: '(ab)\\1', isRegex: true })]);
    expect(rules.match(subject('XX ABAB YY'))?.id).toBe(1);
    expect(rules.match(subject('XX AB YY'))).toBeUndefined();
  });

  it('try a habit learned from the person’s edits after every rule they wrote, whatever its priority', () => {
    const rules = compileRules([
      rule(1, { match: '^costco$', isRegex: true, field: 'merchant', category: 'shopping', priority: 5, learnedFrom: [3, 9] }),
      rule(2, { match: 'costco', field: 'merchant', category: 'groceries', priority: -1 }),
    ]);
    expect(rules.match(subject('COSTCO WHSE', { merchant: 'Costco' }))?.id).toBe(2);
    expect(
      compileRules([rule(1, { match: '^costco$', isRegex: true, field: 'merchant', learnedFrom: [3] })]).match(
        subject('X', { merchant: 'COSTCO' }),
      )?.id,
    ).toBe(1);
  });
});
