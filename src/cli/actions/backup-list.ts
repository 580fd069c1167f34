import type { Command } from 'commander';
import { listEncryptedBackups } from '../../app/backups/list-backups';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import { ReportedError } from '../render/error';
import type { Output } from '../render/output';

const ListOptions = z.object({ to: z.optional(z.array(textValue(1000))) });

export default async function backupList(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(ListOptions, command.optsWithGlobals(), 'backup list');
  const { backups, failed } = await listEncryptedBackups(ctx, { to: o.to, env: io.env, cwd: io.cwd });
  if (out.json) out.data(backups);
  else {
    if (backups.length === 0 && failed.length === 0) out.line('no encrypted backups (finagg backup init, then finagg backup)');
    for (const b of backups)
      out.line(
        `${b.created_at.slice(0, 19).replace('T', ' ')}  ${(b.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB  ${b.target}  ${b.name}`,
      );
  }
  // Each error names its target already; the exit code is the person's (2) only when every failure is.
  if (failed.length > 0) {
    const code = failed.every((f) => f.code === failed[0]!.code) ? failed[0]!.code : 'storage';
    throw new ReportedError(code, failed.map((f) => f.error).join('; '));
  }
}
