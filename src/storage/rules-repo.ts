import { sql } from 'kysely';
import type { Rule, RuleDraft } from '../core/rules/rule';
import type { Db } from './kysely';
import type { RulesTable } from './schema';

type RuleRow = Omit<RulesTable, 'id' | 'created_at'> & { id: number };

const RULE_COLUMNS = [
  'id',
  'match',
  'is_regex',
  'field',
  'min_cents',
  'max_cents',
  'account_id',
  'category',
  'rename_merchant',
  'priority',
  'learned_from',
] as const;

function ruleFromRow(row: RuleRow): Rule {
  return {
    id: row.id,
    match: row.match,
    isRegex: row.is_regex === 1,
    field: row.field,
    minCents: row.min_cents,
    maxCents: row.max_cents,
    accountId: row.account_id,
    category: row.category,
    renameMerchant: row.rename_merchant,
    priority: row.priority,
    learnedFrom: row.learned_from === null ? null : (JSON.parse(row.learned_from) as number[]),
  };
}

/** All rules, in the order they are tried: the person's (highest priority first, then oldest), then the learned ones. */
export async function listRules(db: Db): Promise<Rule[]> {
  const rows = await db
    .selectFrom('rules')
    .select(RULE_COLUMNS)
    .orderBy(sql`learned_from IS NOT NULL`)
    .orderBy('priority', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(ruleFromRow);
}

/** A learned habit's category and the edits behind it, changed in place (a later edit of the person's). */
export async function relearnRule(db: Db, id: number, category: string, learnedFrom: readonly number[]): Promise<void> {
  await db
    .updateTable('rules')
    .set({ category, learned_from: JSON.stringify(learnedFrom) })
    .where('id', '=', id)
    .execute();
}

/** Makes a learned habit the person's own rule: it is then tried among theirs. */
export async function keepLearnedRule(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('rules')
    .set({ learned_from: null })
    .where('id', '=', id)
    .where('learned_from', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertRule(db: Db, draft: RuleDraft, nowIso: string): Promise<Rule> {
  const row = await db
    .insertInto('rules')
    .values({
      match: draft.match,
      is_regex: draft.isRegex ? 1 : 0,
      field: draft.field,
      min_cents: draft.minCents,
      max_cents: draft.maxCents,
      account_id: draft.accountId,
      category: draft.category,
      rename_merchant: draft.renameMerchant,
      priority: draft.priority,
      created_at: nowIso,
      learned_from: draft.learnedFrom ? JSON.stringify(draft.learnedFrom) : null,
    })
    .returning(RULE_COLUMNS)
    .executeTakeFirstOrThrow();
  return ruleFromRow(row);
}

/** Removes a rule; true when there was one. Rows it categorized keep their category. */
export async function deleteRule(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('rules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
