import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError, type ErrorCode, invalidInput } from '../../core/errors';
import { isBackupName } from '../../core/backups/retention';
import { showValue } from '../../core/show-value';
import type { TargetSpec } from './targets';

/** What the folder and rclone targets share: the names they may touch, and one-line failures. */

// Every failure is one line that names the target as the person wrote it.
export const failure = (spec: TargetSpec, code: ErrorCode, what: string, hint?: string) =>
  new AppError(code, `backup target ${showValue(spec.text)}: ${what}`, hint);
export const errno = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? 'error';

export function checkName(spec: TargetSpec, name: string): void {
  // Names come from finagg, but a stray `../x` must never reach outside the target.
  if (!isBackupName(name))
    throw invalidInput(
      `backup target ${showValue(spec.text)}: ${showValue(name)} is not a backup name (finagg-YYYYMMDD-HHMMSS.tar.age)`,
    );
}

export async function checkLocalFile(spec: TargetSpec, localFile: string): Promise<void> {
  // Checked here so a missing upload says so, not rclone's "directory not found".
  const stat = await fs.promises.stat(localFile).catch((error: unknown) => errno(error));
  if (typeof stat === 'string' || !stat.isFile())
    throw failure(
      spec,
      'not_found',
      `the local file ${showValue(localFile)} cannot be read (${typeof stat === 'string' ? stat : 'not a file'})`,
    );
}

export const newestFirst = (a: { name: string }, b: { name: string }) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);

/** The SHA-256 of a file, read as a stream (a backup is hundreds of megabytes): how a copy is compared. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
