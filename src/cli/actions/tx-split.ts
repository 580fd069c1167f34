import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { splitTransaction } from '../../app/split-transaction';
import { invalidInput } from '../../core/errors';
import { formatMoney, moneyToNumber } from '../../core/money';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const SplitOptions = z.object({
  '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER),
  clear: z.optional(z.boolean()),
});

export default async function txSplit(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { clear } = command.opts<Record<string, unknown>>();
  const o = parseOptions(SplitOptions, { clear, '<id>': command.args[0] }, 'tx split');
  const texts = command.args.slice(1);
  if (o.clear === true && texts.length > 0) throw invalidInput('invalid --clear: give the parts or --clear, not both');
  if (o.clear !== true && texts.length === 0)
    throw invalidInput(
      'invalid split: give two or more parts such as groceries=80 shopping=40, or --clear',
      'see finagg tx split --help',
    );
  const r = await splitTransaction(ctx, o['<id>'], o.clear === true ? [] : texts);
  if (out.json)
    return out.data({
      id: r.id,
      amount: moneyToNumber(r.amountCents, r.currency),
      currency: r.currency,
      category: r.category,
      splits: r.parts.map((p) => ({ category: p.category, amount: moneyToNumber(p.cents, r.currency) })),
    });
  if (r.parts.length === 0) return out.line(`transaction ${r.id} is not split; its category is ${r.category}`);
  out.line(`transaction ${r.id} (${formatMoney(r.amountCents, r.currency)}) is split:`);
  out.line(
    renderTable(
      r.parts,
      [
        { header: 'CATEGORY', value: (p) => p.category },
        { header: 'AMOUNT', value: (p) => formatMoney(p.cents, r.currency), align: 'right' },
      ],
      out.color,
    ),
  );
}
