import fs from 'node:fs';
import type { Command } from 'commander';
import { restore } from '../../app/backup';
import { restoreEncrypted } from '../../app/backups/restore-backup';
import { targetOf } from '../../app/backups/targets';
import type { AppContext } from '../../app/context';
import { isBackupName } from '../../core/backups/retention';
import { AppError } from '../../core/errors';
import { showValue } from '../../core/show-value';
import * as z from '../../validation/zod';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import { askSecret, readAllStdin, SecretCancelled } from '../read-secret';
import type { Output } from '../render/output';

const RestoreOptions = z.object({ '<file>': textValue(4096), recoveryKeyStdin: z.optional(z.boolean()) });

/** An age identity is 74 characters; more on stdin is not one. */
const MAX_KEY = 4096;

export default async function restoreAction(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(RestoreOptions, { ...command.opts(), '<file>': command.args[0] }, 'restore');
  const source = o['<file>'];
  // One reading of the argument for both kinds (`~/` included), as backup's --to reads it.
  const spec = targetOf(source, io.cwd);
  const kind = spec.kind === 'rclone' ? 'encrypted' : kindOf(spec.path);
  if (kind !== 'encrypted') {
    if (o.recoveryKeyStdin && kind === 'plain')
      throw new AppError('usage', `${showValue(source)} is not encrypted: a plain backup needs no recovery key`);
    // A missing file: the plain restore says so.
    const result = await restore(ctx, spec.path);
    if (out.json) return out.data({ ...result, path: result.restored });
    out.line(`restored from ${result.restored}${result.previous ? `; the database it replaced is ${result.previous}` : ''}`);
    return;
  }
  const key = await recoveryKey(io, o.recoveryKeyStdin === true, source);
  const result = await restoreEncrypted(ctx, source, key, { env: io.env, cwd: io.cwd });
  if (out.json) return out.data(result);
  const transactions = result.rows.transactions ?? 0;
  out.line(
    `restored the backup of ${result.created_at} (${transactions.toLocaleString('en-US')} transactions) from ${result.path}`,
  );
  out.line(
    `the data key is in this machine's ${result.key_store === 'file' ? 'key file' : result.key_store}; the banks sync without linking again (finagg sync)`,
  );
  if (result.previous) out.line(`the database it replaced is ${result.previous}`);
}

/** A folder holding backups or an age file is what only a recovery key opens; anything else is a plain copy. */
function kindOf(file: string): 'encrypted' | 'plain' | 'missing' {
  try {
    if (fs.statSync(file).isDirectory()) {
      if (fs.readdirSync(file).some(isBackupName)) return 'encrypted';
      throw new AppError('not_found', `${showValue(file)} holds no finagg backup`, 'see finagg backup list --to …');
    }
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(21);
      fs.readSync(fd, head, 0, head.length, 0);
      return head.toString('latin1') === 'age-encryption.org/v1' ? 'encrypted' : 'plain';
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    return 'missing';
  }
}

async function recoveryKey(io: CliIO, fromStdin: boolean, source: string): Promise<string> {
  if (fromStdin) return (await readAllStdin(io, MAX_KEY)).trim();
  if (!io.stdin.isTTY)
    throw new AppError(
      'usage',
      `${showValue(source)} is encrypted: it opens with its recovery key`,
      'pipe it in with --recovery-key-stdin',
    );
  try {
    return (await askSecret(io, 'Recovery key (AGE-SECRET-KEY-1…): ')).trim();
  } catch (error) {
    if (error instanceof SecretCancelled) throw new AppError('usage', 'cancelled: nothing was restored');
    throw error;
  }
}
