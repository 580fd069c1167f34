import type { Command } from 'commander';
import { addCategory } from '../../app/categories';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { categoryText, parseOptions } from '../options';
import type { Output } from '../render/output';

const AddOptions = z.object({ '<name>': categoryText(), parent: z.optional(categoryText()) });

export default async function categoriesAdd(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(AddOptions, { '<name>': command.args[0], ...command.opts() }, 'categories add');
  const name = o['<name>'];
  const parent = o.parent ?? null;
  const { created } = await addCategory(ctx, name, parent);
  if (out.json) return out.data({ category: name, parent, created });
  out.line(`${created ? 'added' : 'kept'} category ${name}${parent === null ? '' : ` under ${parent}`}`);
}
