import type { Command } from 'commander';
import { initBackups } from '../../app/backups/recovery-key';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { showRecoveryKey } from '../render/recovery-key';

const InitOptions = z.object({ to: z.optional(z.array(textValue(1000))) });

export default async function backupInit(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(InitOptions, command.optsWithGlobals(), 'backup init');
  const key = await initBackups(ctx, { to: o.to ?? [], cwd: io.cwd });
  if (out.json) return out.data(key);
  showRecoveryKey(out, key);
}
