import type { Command } from 'commander';
import { restore } from '../../app/backup';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';

const RestoreOptions = z.object({ '<file>': textValue(4096) });

export default async function restoreAction(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(RestoreOptions, { '<file>': command.args[0] }, 'restore');
  const result = await restore(ctx, o['<file>']);
  if (out.json) return out.data(result);
  out.line(`restored from ${result.restored}; the database it replaced is ${result.previous}`);
}
