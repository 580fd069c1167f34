import type { Command } from 'commander';
import { removeBudget } from '../../app/budgets';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { categoryText, parseOptions } from '../options';
import type { Output } from '../render/output';

const RmArgs = z.object({ '<category>': categoryText() });

export default async function budgetRm(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { '<category>': category } = parseOptions(RmArgs, { '<category>': command.args[0] }, 'budget rm');
  await removeBudget(ctx, category);
  if (out.json) return out.data({ removed: category });
  out.line(`removed the budget for ${category}`);
}
