import { createCategorizer } from '../core/categorize/categorizer';
import { AppError, invalidInput } from '../core/errors';
import { type Categorization, categorizeWithRules } from '../core/rules/categorize-with-rules';
import { checkRuleDraft, parseMatch, type Rule, type RuleDraft, RuleError, type RuleField } from '../core/rules/rule';
import { compileRules } from '../core/rules/rule-matcher';
import { findAccountRef } from '../storage/accounts-repo';
import { ensureCategory } from '../storage/categories-repo';
import { deleteRule, insertRule, listRules } from '../storage/rules-repo';
import type { AppContext } from './context';

export interface AddRuleInput {
  /** As typed: text, or /regex/. */
  match: string;
  field: RuleField;
  minCents?: number;
  maxCents?: number;
  /** An account id or name, as typed. */
  account?: string;
  category: string;
  rename?: string;
  priority: number;
}

/** Which option each part of a rule came from, for error lines. */
const OPTION: Record<RuleError['field'], string> = {
  match: '--match',
  min: '--min',
  max: '--max',
  category: '--category',
  rename: '--rename',
};

async function accountIdOf(ctx: AppContext, ref: string | undefined): Promise<number | null> {
  if (ref === undefined) return null;
  const found = await findAccountRef(ctx.db, ref);
  if (!found) throw new AppError('not_found', `no account ${JSON.stringify(ref)}`, 'see finagg accounts');
  return found.id;
}

/** `rules add`: validates everything first, so a refused rule changes nothing. */
export async function addRule(ctx: AppContext, input: AddRuleInput): Promise<{ rule: Rule; newCategory: boolean }> {
  const category = input.category.trim().toLowerCase();
  let draft: RuleDraft;
  try {
    draft = {
      ...parseMatch(input.match),
      field: input.field,
      minCents: input.minCents ?? null,
      maxCents: input.maxCents ?? null,
      accountId: null,
      category,
      renameMerchant: input.rename?.trim() ?? null,
      priority: input.priority,
    };
    checkRuleDraft(draft);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    const typed = {
      match: input.match,
      min: input.minCents,
      max: input.maxCents,
      category: input.category,
      rename: input.rename,
    };
    const value = error.field === 'min' || error.field === 'max' ? '' : ` ${JSON.stringify(typed[error.field])}`;
    throw invalidInput(`invalid ${OPTION[error.field]}${value}: ${error.message}`, 'see finagg rules add --help');
  }
  draft.accountId = await accountIdOf(ctx, input.account);
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const newCategory = await ensureCategory(trx, category, nowIso);
    const rule = await insertRule(trx, draft, nowIso);
    ctx.log.log('info', 'rule.added', { rule_id: rule.id, category, new_category: newCategory });
    return { rule, newCategory };
  });
}

export async function rulesInOrder(ctx: AppContext): Promise<Rule[]> {
  return listRules(ctx.db);
}

/** `rules rm`: the rows it categorized keep their category until `rules apply`. */
export async function removeRule(ctx: AppContext, id: number): Promise<void> {
  if (!(await deleteRule(ctx.db, id))) throw new AppError('not_found', `no rule ${id}`, 'see finagg rules list');
  ctx.log.log('info', 'rule.removed', { rule_id: id });
}

export interface RuleTestInput {
  description: string;
  merchant?: string;
  amountCents: number;
  account?: string;
  providerCategory?: string;
}

/** `rules test`: what a transaction with this text would get, with the stored rules. */
export async function testRules(ctx: AppContext, input: RuleTestInput): Promise<Categorization> {
  const accountId = (await accountIdOf(ctx, input.account)) ?? 0;
  const rules = compileRules(await listRules(ctx.db));
  return categorizeWithRules(rules, createCategorizer(), {
    accountId,
    description: input.description,
    merchant: input.merchant ?? null,
    amountCents: input.amountCents,
    providerCategory: input.providerCategory ?? null,
  });
}
