import type { AppContext } from '../../app/context';
import { rulesInOrder } from '../../app/rules';
import { formatMoney } from '../../core/money';
import { type Rule, showMatch } from '../../core/rules/rule';
import type { Output } from '../render/output';
import { ruleJson } from '../render/shapes';
import { renderTable } from '../render/table';

export default async function rulesList(ctx: AppContext, out: Output): Promise<void> {
  const rules = await rulesInOrder(ctx);
  if (out.json) return out.data(rules.map(ruleJson));
  if (rules.length === 0) return out.line('no rules yet (finagg rules add --match <text> --category <name>)');
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
}

function conditions(r: Rule): string {
  const parts: string[] = [];
  if (r.minCents !== null && r.maxCents !== null) parts.push(`${formatMoney(r.minCents)}-${formatMoney(r.maxCents)}`);
  else if (r.minCents !== null) parts.push(`>= ${formatMoney(r.minCents)}`);
  else if (r.maxCents !== null) parts.push(`<= ${formatMoney(r.maxCents)}`);
  if (r.accountId !== null) parts.push(`account ${r.accountId}`);
  return parts.join(', ');
}
