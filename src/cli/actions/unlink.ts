import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { unlinkBank } from '../../app/unlink';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { connectionJson } from '../render/shapes';

const UnlinkArgs = z.object({ '<connection>': textValue(40), purge: z.optional(z.boolean()) });

export default async function unlink(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(UnlinkArgs, { ...command.opts(), '<connection>': command.args[0] }, 'unlink');
  const result = await unlinkBank(ctx, o['<connection>'], { purge: o.purge === true });
  if (result.revokeHint) out.notice(out.color.yellow(result.revokeHint));
  else if (!result.revokedAtBank)
    out.notice(out.color.yellow('the bank could not confirm the revocation; the token was deleted here all the same'));
  if (out.json) return out.data({ connection: connectionJson(result.connection) });
  const what = result.purged ? 'its accounts and transactions were deleted' : 'its accounts and history are kept';
  out.line(`Unlinked ${result.connection.provider} (connection ${result.connection.id}); ${what}.`);
}
