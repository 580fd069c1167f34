import type { Command } from 'commander';
import { anomaliesOver } from '../../app/anomalies';
import type { AppContext } from '../../app/context';
import { plural } from '../../core/words';
import * as z from '../../validation/zod';
import { parseOptions, textValue, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { anomalyJson } from '../render/shapes';
import { renderTable } from '../render/table';

const AnomalyOptions = z.object({
  account: z.optional(textValue()),
  days: z._default(wholeNumber(1, 36_500), 90),
  all: z.optional(z.boolean()),
  recompute: z.optional(z.boolean()),
});

export default async function anomalies(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(AnomalyOptions, command.opts(), 'anomalies');
  const list = await anomaliesOver(ctx, {
    account: o.account,
    days: o.days,
    all: o.all === true,
    recompute: o.recompute === true,
  });
  if (out.json) return out.data(list.map(anomalyJson));
  if (list.length === 0) return out.line(`nothing stands out in the last ${plural(o.days, 'day')}`);
  const c = out.color;
  out.line(
    renderTable(
      list,
      [
        { header: 'ID', value: (a) => String(a.id), align: 'right' },
        { header: 'DATE', value: (a) => a.date },
        { header: 'TYPE', value: (a) => a.type.replace('_', ' ') },
        {
          header: 'SEVERITY',
          value: (a) => a.severity,
          style: (t, a) => (a.severity === 'high' ? c.red(t) : a.severity === 'medium' ? c.yellow(t) : c.dim(t)),
        },
        { header: 'WHAT', value: (a) => a.description + (a.dismissedAt ? ' (dismissed)' : '') },
        { header: 'TX', value: (a) => String(a.transactionId), align: 'right' },
      ],
      c,
    ),
  );
}
