import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { removeRule } from '../../app/rules';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';

const RmArgs = z.object({ '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export default async function rulesRm(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { '<id>': id } = parseOptions(RmArgs, { '<id>': command.args[0] }, 'rules rm');
  await removeRule(ctx, id);
  if (out.json) return out.data({ removed: id });
  out.line(`removed rule ${id}; its transactions keep their category until finagg rules apply`);
}
