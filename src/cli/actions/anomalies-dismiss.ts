import type { Command } from 'commander';
import { dismiss } from '../../app/anomalies';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';

const DismissArgs = z.object({ '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export default async function anomaliesDismiss(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { '<id>': id } = parseOptions(DismissArgs, { '<id>': command.args[0] }, 'anomalies dismiss');
  await dismiss(ctx, id);
  if (out.json) return out.data({ dismissed: id });
  out.line(`dismissed anomaly ${id}; it will not show again`);
}
