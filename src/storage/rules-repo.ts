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
  };
}

/** All rules, in the order they are tried: highest priority first, then oldest. */
export async function listRules(db: Db): Promise<Rule[]> {
  const rows = await db.selectFrom('rules').select(RULE_COLUMNS).orderBy('priority', 'desc').orderBy('id').execute();
  return rows.map(ruleFromRow);
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
