import type { Command } from 'commander';
import { ackAlerts } from '../../app/alerts';
import type { AppContext } from '../../app/context';
import { AppError } from '../../core/errors';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';

const AckArgs = z.object({ '<id>': z.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)) });

export default async function alertsAck(ctx: AppContext, out: Output, command: Command): Promise<void> {
  // `alerts` has its own --all; commander gives it the flag, so read both.
  const all = command.optsWithGlobals<{ all?: boolean }>().all === true;
  const { '<id>': id } = parseOptions(AckArgs, { '<id>': command.args[0] }, 'alerts ack');
  if (id === undefined && !all) throw new AppError('usage', 'give an alert id or --all', 'see finagg alerts ack --help');
  if (id !== undefined && all) throw new AppError('usage', 'give an alert id or --all, not both', 'see finagg alerts ack --help');
  const count = await ackAlerts(ctx, id ?? 'all');
  if (out.json) return out.data({ acknowledged: count });
  out.line(count === 0 ? 'nothing to acknowledge' : `acknowledged ${count} alert${count === 1 ? '' : 's'}`);
}
