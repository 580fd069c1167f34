import { merchantKey } from '../core/recurring/payee-key';
import type { Rule } from '../core/rules/rule';
import { escapeRegex } from '../core/rules/rule-matcher';
import type { Db } from '../storage/kysely';
import { insertRule, keepLearnedRule, listRules, relearnRule } from '../storage/rules-repo';
import type { AppContext } from './context';

/**
 * Edits of one merchant to the same category before finagg follows the habit. One edit
 * may be a one-off (a television bought at Costco); two that agree are a habit, and the
 * learning test (test/integration/learning.test.ts) finds two enough for 95% of the
 * later rows.
 */
export const LEARN_AFTER = 2;

export interface LearnedHabit {
  ruleId: number;
  merchant: string;
  category: string;
  /** The transactions whose edits taught it. */
  from: number[];
  /** What this edit did to it. */
  change: 'learned' | 'confirmed' | 'changed';
}

/** A learned habit matches the merchant name whole, in any case. */
const habitMatch = (merchant: string) => `^${escapeRegex(merchant)}$`;

/** The merchant name a learned habit matches (habitMatch read back). */
export function habitMerchant(rule: Pick<Rule, 'match'>): string {
  return rule.match.replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1');
}

/**
 * After the person gave a transaction a category by hand: the habit it shows, as a
 * learned rule (tried after the person's own rules, before the built-in categorizer) on
 * the merchant's name. It is learned once LEARN_AFTER of the person's edits of that
 * merchant agree; a later edit to another category wins at once (the habit follows the
 * latest word). New transactions of the merchant get it; stored ones keep theirs until
 * `rules apply`.
 */
export async function learnFromEdit(
  db: Db,
  row: { id: number; merchant: string | null; description: string },
  category: string,
  nowIso: string,
): Promise<LearnedHabit | undefined> {
  const merchant = row.merchant?.trim();
  if (!merchant) return undefined;
  const match = habitMatch(merchant);
  const habit = (await listRules(db)).find((r) => r.learnedFrom !== null && r.isRegex && r.match === match);
  if (habit) {
    const from = habit.category === category ? [...new Set([...habit.learnedFrom!, row.id])] : [row.id];
    await relearnRule(db, habit.id, category, from);
    return { ruleId: habit.id, merchant, category, from, change: habit.category === category ? 'confirmed' : 'changed' };
  }
  // The person's edits of this merchant that agree: rows of the same payee (indexed), same name, their category.
  const key = merchantKey(merchant, row.description);
  const agreeing = (
    await db
      .selectFrom('transactions')
      .select(['id', 'merchant'])
      .where('account_id', 'in', db.selectFrom('accounts').select('id'))
      .where('payee_id', '=', (eb) => eb.selectFrom('payees').select('id').where('key', '=', key))
      .where('removed', '=', 0)
      .where('pending', '=', 0)
      .where('category_source', '=', 'user')
      .where('category', '=', category)
      .execute()
  )
    .filter((r) => r.merchant?.trim().toLowerCase() === merchant.toLowerCase())
    .map((r) => r.id);
  if (!agreeing.includes(row.id)) agreeing.push(row.id);
  if (agreeing.length < LEARN_AFTER) return undefined;
  const rule = await insertRule(
    db,
    {
      match,
      isRegex: true,
      field: 'merchant',
      minCents: null,
      maxCents: null,
      accountId: null,
      category,
      renameMerchant: null,
      priority: 0,
      learnedFrom: agreeing.sort((a, b) => a - b),
    },
    nowIso,
  );
  return { ruleId: rule.id, merchant, category, from: rule.learnedFrom!, change: 'learned' };
}

/** `rules keep <id>`: a learned habit becomes the person's own rule. */
export async function keepHabit(ctx: AppContext, id: number): Promise<boolean> {
  return keepLearnedRule(ctx.db, id);
}
