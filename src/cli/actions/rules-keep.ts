import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { keepHabit } from '../../app/learn-category';
import { AppError } from '../../core/errors';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';

const KeepArgs = z.object({ '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export default async function rulesKeep(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { '<id>': id } = parseOptions(KeepArgs, { '<id>': command.args[0] }, 'rules keep');
  if (!(await keepHabit(ctx, id))) throw new AppError('not_found', `no learned rule ${id}`, 'see finagg rules list --learned');
  if (out.json) return out.data({ kept: id });
  out.line(`rule ${id} is yours now: it is tried with your rules, before anything learned`);
}
