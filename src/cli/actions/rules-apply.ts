import type { Command } from 'commander';
import { applyRules, type RuleChange } from '../../app/apply-rules';
import type { AppContext } from '../../app/context';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

/** How many changes a terminal shows; --json lists them all. */
const SHOWN = 50;

export default async function rulesApply(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const dryRun = command.opts<{ dryRun?: boolean }>().dryRun === true;
  const result = await applyRules(ctx, { dryRun, maxChanges: out.json ? undefined : SHOWN });
  if (out.json)
    return out.data({
      changed: result.changed,
      dry_run: dryRun,
      changes: result.changes.map((c) => ({
        transaction_id: c.transactionId,
        field: c.field,
        old_value: c.oldValue,
        new_value: c.newValue,
        reason: c.reason,
      })),
    });
  if (result.changed === 0) return out.line('nothing to change: every transaction already has what the rules give');
  out.line(
    renderTable<RuleChange>(
      result.changes,
      [
        { header: 'TX', value: (c) => String(c.transactionId), align: 'right' },
        { header: 'DATE', value: (c) => c.date },
        { header: 'DESCRIPTION', value: (c) => clip(c.description, 36) },
        { header: 'FIELD', value: (c) => c.field },
        { header: 'FROM', value: (c) => c.oldValue ?? '' },
        { header: 'TO', value: (c) => c.newValue ?? '' },
        { header: 'WHY', value: (c) => c.reason },
      ],
      out.color,
    ),
  );
  const more =
    result.changes.length < result.fieldChanges
      ? ` (the first ${result.changes.length} of ${result.fieldChanges} changes shown)`
      : '';
  out.line(
    dryRun
      ? `would change ${result.changed} transactions${more}; run without --dry-run to apply`
      : `changed ${result.changed} transactions${more}; see finagg audit`,
  );
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
