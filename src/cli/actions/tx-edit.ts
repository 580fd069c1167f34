import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { editTransaction } from '../../app/edit-transaction';
import { pairByHand, unpairByHand } from '../../app/transfer-edit';
import { invalidInput } from '../../core/errors';
import { addRule } from '../../app/rules';
import * as z from '../../validation/zod';
import type { CliIO } from '../io';
import { categoryText, parseOptions, textValue, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { askYesNo } from '../prompt';
import { transactionJson } from '../render/shapes';
import { readSplits } from '../../storage/splits-repo';

const EditOptions = z.object({
  '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER),
  category: z.optional(categoryText()),
  // Stored trimmed: blank would leave the transaction without a name.
  merchant: z.optional(textValue().check(z.refine((v: string) => v.trim() !== '', { error: 'must not be blank' }))),
  // An empty note clears it.
  note: z.optional(z.union([z.literal(''), textValue(1000)])),
  create: z.optional(z.boolean()),
  transfer: z.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  notTransfer: z.optional(z.boolean()),
});

export default async function txEdit(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  // `tx` has list filters named --category and --merchant, and commander gives options
  // after the subcommand to the parent that knows them: read edit's own and the parent's.
  const { category, merchant, note, create, transfer, notTransfer } = command.optsWithGlobals<Record<string, unknown>>();
  const o = parseOptions(
    EditOptions,
    { category, merchant, note, create, transfer, notTransfer, '<id>': command.args[0] },
    'tx edit',
  );
  if (o.transfer !== undefined && o.notTransfer === true)
    throw invalidInput('invalid --not-transfer: give --transfer <id> or --not-transfer, not both');
  if (o.transfer !== undefined || o.notTransfer === true) {
    const t = o.transfer !== undefined ? await pairByHand(ctx, o['<id>'], o.transfer) : await unpairByHand(ctx, o['<id>']);
    if (o.category === undefined && o.merchant === undefined && o.note === undefined) {
      if (out.json) return out.data(transactionJson(t, await readSplits(ctx.db, t.id)));
      return out.line(
        t.transferId !== null
          ? `transaction ${t.id} is now a transfer with ${o.transfer}`
          : `transaction ${t.id} is not a transfer`,
      );
    }
  }
  const result = await editTransaction(ctx, o['<id>'], {
    category: o.category,
    merchant: o.merchant,
    note: o.note,
    create: o.create,
  });
  if (result.newCategory) out.notice(`finagg: new category ${JSON.stringify(result.transaction.category)}`);
  const habit = result.learned;
  if (habit && habit.change !== 'confirmed')
    out.notice(
      `finagg: learned: new ${habit.merchant} transactions get ${habit.category} (from your edits of ${habit.from.join(', ')}; finagg rules list --learned)`,
    );
  if (out.json) return out.data(transactionJson(result.transaction, await readSplits(ctx.db, result.transaction.id)));
  const t = result.transaction;
  if (result.changes.length === 0) return out.line(`transaction ${t.id} already has that`);
  for (const c of result.changes) out.line(`${c.field}: ${c.oldValue ?? '(none)'} -> ${c.newValue ?? '(none)'}`);

  // A person who fixes one transaction by hand usually means every one like it.
  const categoryChanged = result.changes.some((c) => c.field === 'category');
  if (categoryChanged && !habit && t.merchant !== null && io.stdin.isTTY === true && out.isTerminal) {
    const yes = await askYesNo(io, `Make a rule: merchant ${JSON.stringify(t.merchant)} -> ${t.category} from now on? [y/N] `);
    if (yes) {
      const { rule } = await addRule(ctx, { match: t.merchant, field: 'merchant', category: t.category, priority: 0 });
      out.line(`rule ${rule.id} added; finagg rules apply --dry-run shows what it changes in stored transactions`);
    }
  }
}
