import type { Command } from 'commander';
import { auditTrail } from '../../app/audit';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { auditJson } from '../render/shapes';
import { renderTable } from '../render/table';

const AuditOptions = z.object({
  tx: z.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  limit: z._default(wholeNumber(1, 100_000), 50),
});

export default async function audit(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(AuditOptions, command.opts(), 'audit');
  const entries = await auditTrail(ctx, { transactionId: o.tx, limit: o.limit });
  if (out.json) return out.data(entries.map(auditJson));
  if (entries.length === 0)
    return out.line(o.tx === undefined ? 'no changes recorded yet' : `no changes recorded for transaction ${o.tx}`);
  out.line(
    renderTable(
      entries,
      [
        { header: 'AT', value: (e) => e.at.slice(0, 19).replace('T', ' ') },
        { header: 'TX', value: (e) => String(e.transactionId ?? ''), align: 'right' },
        { header: 'FIELD', value: (e) => e.field },
        { header: 'FROM', value: (e) => clip(e.oldValue ?? '', 28) },
        { header: 'TO', value: (e) => clip(e.newValue ?? '', 28) },
        { header: 'BY', value: (e) => e.source },
        { header: 'WHY', value: (e) => e.reason ?? '' },
      ],
      out.color,
    ),
  );
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
