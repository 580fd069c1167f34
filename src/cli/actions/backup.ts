import type { Command } from 'commander';
import { backup } from '../../app/backup';
import { writeEncryptedBackup } from '../../app/backups/write-backup';
import type { AppContext } from '../../app/context';
import { getSettings } from '../../app/settings';
import { AppError } from '../../core/errors';
import * as z from '../../validation/zod';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import { ReportedError } from '../render/error';
import type { Output } from '../render/output';

const BackupOptions = z.object({ out: z.optional(textValue(4096)), to: z.optional(z.array(textValue(1000))) });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export default async function backupAction(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(BackupOptions, command.opts(), 'backup');
  if ((await getSettings(ctx))['backup.recipient'] === null) {
    if (o.to !== undefined)
      throw new AppError('conflict', 'backups to a target are encrypted, and there is no recovery key yet', 'finagg backup init');
    const result = await backup(ctx, o.out);
    if (out.json) return out.data({ ...result, targets: [] });
    out.line(`backup written and verified: ${result.path} (${mb(result.bytes)})`);
    out.line(
      'it is not encrypted and stays on this disk: finagg backup init makes a recovery key and writes backups off the machine',
    );
    return;
  }
  const result = await writeEncryptedBackup(ctx, { to: o.to, out: o.out, env: io.env, cwd: io.cwd });
  if (out.json) out.data(result);
  else {
    out.line(`encrypted backup written: ${result.path} (${mb(result.bytes)})`);
    if (result.targets.length === 0)
      out.line('no target yet: it stays on this disk (finagg backup --to <folder>, or config set backup.to)');
    for (const t of result.targets) {
      if (t.ok)
        out.line(`  ${t.target}: written and read back${t.removed.length > 0 ? `; ${t.removed.length} older removed` : ''}`);
      else out.line(`  ${out.color.red('failed')} ${t.target}: ${t.error}`);
    }
  }
  const failed = result.targets.filter((t) => !t.ok);
  if (failed.length > 0)
    // The document above says which failed and why; stderr gets one line, and an alert was raised.
    throw new ReportedError(
      'storage',
      `${failed.length} of ${result.targets.length} backup targets failed: ${failed.map((t) => t.target).join(', ')}`,
    );
}
