import { createCategorizer } from '../core/categorize/categorizer';
import { categorizeWithRules } from '../core/rules/categorize-with-rules';
import { showMatch } from '../core/rules/rule';
import { compileRules } from '../core/rules/rule-matcher';
import { listRules } from '../storage/rules-repo';
import type { Selectable } from 'kysely';
import type { TransactionsTable } from '../storage/schema';
import { CATEGORY_SOURCE_CODE, MERCHANT_SOURCE_CODE } from '../storage/transaction-columns';
import type { AppContext } from './context';

export interface RuleChange {
  transactionId: number;
  date: string;
  description: string;
  field: 'category' | 'merchant';
  oldValue: string | null;
  newValue: string | null;
  reason: string;
}

export interface ApplyRulesResult {
  /** Transactions whose category or merchant changed (or would, on a dry run). */
  changed: number;
  /** The first changes (all of them unless the caller set maxChanges). */
  changes: RuleChange[];
  /** Changed fields in all. */
  fieldChanges: number;
  dryRun: boolean;
}

type Row = Pick<
  Selectable<TransactionsTable>,
  | 'account_id'
  | 'date'
  | 'amount_cents'
  | 'description'
  | 'merchant'
  | 'merchant_source'
  | 'category'
  | 'category_source'
  | 'rule_id'
  | 'provider_category'
  | 'transfer_id'
> & { id: number };

/** Rows are read in keyset chunks, so a million rows never sit in memory at once. */
const CHUNK = 5000;

/**
 * `rules apply`: categorizes every stored transaction again with the current rules,
 * below a person's own edits, which it never touches (a manual category, a manual
 * merchant name). A row whose rule is gone falls back to the built-in categorizer. One
 * immediate transaction: all of it lands, with an audit entry per changed field, or none.
 */
export async function applyRules(ctx: AppContext, options: { dryRun: boolean; maxChanges?: number }): Promise<ApplyRulesResult> {
  const rules = await listRules(ctx.db);
  const matcher = compileRules(rules);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const builtin = createCategorizer();
  const sqlite = ctx.sqlite;
  const nowMs = ctx.clock.nowMs();
  const nowIso = new Date(nowMs).toISOString();
  const read = sqlite.prepare(
    `SELECT id, account_id, date, amount_cents, description, merchant, merchant_source, category, category_source, rule_id,
       provider_category, transfer_id
     FROM transactions WHERE id > ? AND removed = 0 ORDER BY id LIMIT ?`,
  );
  const writeCategory = sqlite.prepare(
    'UPDATE transactions SET category = ?, category_src = ?, rule_id = ?, updated_ms = ? WHERE id = ?',
  );
  const writeMerchant = sqlite.prepare('UPDATE transactions SET merchant = ?, merchant_src = ?, updated_ms = ? WHERE id = ?');
  const audit = sqlite.prepare(
    "INSERT INTO audit_log (transaction_id, field, old_value, new_value, source, reason, at) VALUES (?, ?, ?, ?, 'rule', ?, ?)",
  );
  const newCategory = sqlite.prepare('INSERT OR IGNORE INTO categories (name, builtin, created_at) VALUES (?, 0, ?)');

  const result: ApplyRulesResult = { changed: 0, changes: [], fieldChanges: 0, dryRun: options.dryRun };
  const keep = options.maxChanges ?? Infinity;
  const record = (change: RuleChange) => {
    result.fieldChanges++;
    if (result.changes.length < keep) result.changes.push(change);
    if (!options.dryRun) audit.run(change.transactionId, change.field, change.oldValue, change.newValue, change.reason, nowIso);
  };

  const run = () => {
    for (const rule of rules) if (!options.dryRun) newCategory.run(rule.category, nowIso);
    let after = 0;
    for (;;) {
      const rows = read.all(after, CHUNK) as Row[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      for (const row of rows) {
        // A paired transfer is a transfer whatever a rule says of its text (the person unpairs it with --not-transfer).
        const manualCategory = row.category_source === 'user' || row.transfer_id !== null;
        const manualMerchant = row.merchant_source === 'user';
        if (manualCategory && manualMerchant) continue;
        const next = categorizeWithRules(matcher, builtin, {
          accountId: row.account_id,
          description: row.description,
          // The bank's own name reads as it came; a derived or renamed one is derived again.
          merchant: row.merchant_source === 'provider' || manualMerchant ? row.merchant : null,
          amountCents: row.amount_cents,
          providerCategory: row.provider_category,
        });
        const rule = next.ruleId === null ? undefined : byId.get(next.ruleId);
        const reason = rule ? `rule ${rule.id} (${showMatch(rule)})` : `no rule matches: ${next.source}`;
        let changed = false;
        if (!manualCategory && (next.category !== row.category || next.ruleId !== row.rule_id)) {
          if (next.category !== row.category) {
            record({
              transactionId: row.id,
              date: row.date,
              description: row.description,
              field: 'category',
              oldValue: row.category,
              newValue: next.category,
              reason,
            });
            changed = true;
          }
          if (!options.dryRun) writeCategory.run(next.category, CATEGORY_SOURCE_CODE[next.source], next.ruleId, nowMs, row.id);
        }
        if (!manualMerchant && next.merchant !== row.merchant) {
          record({
            transactionId: row.id,
            date: row.date,
            description: row.description,
            field: 'merchant',
            oldValue: row.merchant,
            newValue: next.merchant,
            reason,
          });
          changed = true;
          if (!options.dryRun) writeMerchant.run(next.merchant, MERCHANT_SOURCE_CODE[next.merchantSource], nowMs, row.id);
        }
        if (changed) result.changed++;
      }
    }
  };
  if (options.dryRun) run();
  else sqlite.transaction(run).immediate();
  ctx.log.log('info', 'rules.applied', { changed: result.changed, dry_run: options.dryRun, rules: rules.length });
  return result;
}
