import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { addRule } from '../../app/rules';
import { showMatch } from '../../core/rules/rule';
import * as z from '../../validation/zod';
import { oneOf, parseOptions, sizeText, textValue } from '../options';
import type { Output } from '../render/output';
import { ruleJson } from '../render/shapes';

const AddOptions = z
  .object({
    match: textValue(),
    field: z._default(oneOf(['description', 'merchant'] as const), 'description'),
    min: z.optional(sizeText()),
    max: z.optional(sizeText()),
    account: z.optional(textValue()),
    category: textValue(40),
    rename: z.optional(textValue()),
    priority: z._default(
      z.pipe(
        z.string().check(z.regex(/^[+-]?\d{1,6}$/, { error: 'must be a whole number from -999999 to 999999' })),
        z.transform(Number),
      ),
      0,
    ),
  })
  .check(
    z.refine((o) => o.min === undefined || o.max === undefined || o.min <= o.max, {
      path: ['max'],
      error: 'must not be below --min',
    }),
  );

export default async function rulesAdd(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(AddOptions, command.opts(), 'rules add');
  const { rule, newCategory } = await addRule(ctx, {
    match: o.match,
    field: o.field,
    minCents: o.min,
    maxCents: o.max,
    account: o.account,
    category: o.category,
    rename: o.rename,
    priority: o.priority,
  });
  if (newCategory) out.notice(`finagg: new category ${JSON.stringify(rule.category)}`);
  if (out.json) return out.data(ruleJson(rule));
  out.line(`rule ${rule.id}: ${rule.field === 'merchant' ? 'merchant ' : ''}${showMatch(rule)} -> ${rule.category}`);
  out.line(
    out.color.dim(
      'new transactions get it from the next sync; finagg rules apply --dry-run shows what it changes in stored ones',
    ),
  );
}
