import type { Command } from 'commander';
import { backup } from '../../app/backup';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';

const BackupOptions = z.object({ out: z.optional(textValue(4096)) });

export default async function backupAction(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(BackupOptions, command.opts(), 'backup');
  const result = await backup(ctx, o.out);
  if (out.json) return out.data(result);
  out.line(`backup written and verified: ${result.path} (${(result.bytes / 1024 / 1024).toFixed(1)} MB)`);
}
