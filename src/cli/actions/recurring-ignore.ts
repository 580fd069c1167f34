import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { ignoreRecurring } from '../../app/recurring';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { streamJson } from './recurring';

const IgnoreArgs = z.object({ '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export default async function recurringIgnore(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { '<id>': id } = parseOptions(IgnoreArgs, { '<id>': command.args[0] }, 'recurring ignore');
  const stream = await ignoreRecurring(ctx, id);
  if (out.json) return out.data(streamJson(stream));
  out.line(`stream ${stream.id} (${stream.merchant}, ${stream.cadence}) is ignored: no alerts, hidden from finagg recurring`);
}
