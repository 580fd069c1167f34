import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { habitMerchant, LEARN_AFTER } from '../../app/learn-category';
import { rulesInOrder } from '../../app/rules';
import { formatMoney } from '../../core/money';
import { type Rule, showMatch } from '../../core/rules/rule';
import * as z from '../../validation/zod';
import { parseOptions } from '../options';
import type { Output } from '../render/output';
import { ruleJson } from '../render/shapes';
import { renderTable } from '../render/table';

const ListOptions = z.object({ learned: z.optional(z.boolean()) });

export default async function rulesList(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(ListOptions, command.opts(), 'rules list');
  const all = await rulesInOrder(ctx);
  const rules = all.filter((r) => (r.learnedFrom !== null) === (o.learned === true));
  if (out.json) return out.data(rules.map(ruleJson));
  if (o.learned) return learnedTable(out, rules);
  const learned = all.length - rules.length;
  const more = learned > 0 ? `; ${learned} learned from your edits: finagg rules list --learned` : '';
  if (rules.length === 0) return out.line(`no rules yet (finagg rules add --match <text> --category <name>)${more}`);
  out.line(
    renderTable(
      rules,
      [
        { header: 'ID', value: (r) => String(r.id), align: 'right' },
        { header: 'PRIO', value: (r) => String(r.priority), align: 'right' },
        { header: 'MATCH', value: (r) => `${r.field === 'merchant' ? 'merchant ' : ''}${showMatch(r)}` },
        { header: 'WHEN', value: conditions },
        { header: 'CATEGORY', value: (r) => r.category },
        { header: 'RENAME', value: (r) => r.renameMerchant ?? '' },
      ],
      out.color,
    ),
  );
  if (more) out.line(more.slice(2));
}

/** What finagg learned from the person's edits, and how to keep or forget each. */
function learnedTable(out: Output, rules: readonly Rule[]): void {
  if (rules.length === 0)
    return out.line(`nothing learned yet: after ${LEARN_AFTER} edits of a merchant to one category, new ones follow`);
  out.line(
    renderTable(
      rules,
      [
        { header: 'ID', value: (r) => String(r.id), align: 'right' },
        { header: 'MERCHANT', value: habitMerchant },
        { header: 'CATEGORY', value: (r) => r.category },
        { header: 'FROM YOUR EDITS OF', value: (r) => r.learnedFrom!.join(', ') },
      ],
      out.color,
    ),
  );
  out.line('finagg rules keep <id> makes one your rule; finagg rules rm <id> forgets it');
}

function conditions(r: Rule): string {
  const parts: string[] = [];
  if (r.minCents !== null && r.maxCents !== null) parts.push(`${formatMoney(r.minCents)}-${formatMoney(r.maxCents)}`);
  else if (r.minCents !== null) parts.push(`>= ${formatMoney(r.minCents)}`);
  else if (r.maxCents !== null) parts.push(`<= ${formatMoney(r.maxCents)}`);
  if (r.accountId !== null) parts.push(`account ${r.accountId}`);
  return parts.join(', ');
}
