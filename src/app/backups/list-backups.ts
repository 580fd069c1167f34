import fs from 'node:fs';
import path from 'node:path';
import { backupTime } from '../../core/backups/retention';
import { AppError, type ErrorCode } from '../../core/errors';
import { backupsDir } from '../../storage/backup-file';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { openTarget, targetOf } from './targets';

/** One backup a target holds, as `backup list` shows it. */
export interface ListedBackup {
  /** `data dir` for the local copies, else the target as written. */
  target: string;
  name: string;
  bytes: number;
  created_at: string;
}

/** What a target could not tell (it stays in the list as a line of its own). */
export interface UnlistedTarget {
  target: string;
  /** One line that names the target (target-common.ts `failure`). */
  error: string;
  /** A folder that is not there is the person's to fix (exit 2); a remote that fails is not. */
  code: ErrorCode;
}

/**
 * `backup list [--to …]`: the encrypted backups in the data dir and at each target
 * (backup.to, or the ones given), newest first. A target that cannot be read is named
 * with its error; the others are still listed.
 */
export async function listEncryptedBackups(
  ctx: AppContext,
  options: { to?: readonly string[]; env: NodeJS.ProcessEnv; cwd: string },
): Promise<{ backups: ListedBackup[]; failed: UnlistedTarget[] }> {
  const backups: ListedBackup[] = [];
  const failed: UnlistedTarget[] = [];
  const listed = (target: string, name: string, bytes: number) => {
    const ms = backupTime(name);
    if (ms !== undefined) backups.push({ target, name, bytes, created_at: new Date(ms).toISOString() });
  };
  if (options.to === undefined) {
    const dir = backupsDir(ctx.home);
    if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir)) listed('data dir', name, sizeOf(path.join(dir, name)));
  }
  for (const text of options.to ?? (await getSettings(ctx))['backup.to'] ?? []) {
    const spec = targetOf(text, options.cwd);
    try {
      for (const file of await openTarget(spec, { env: options.env }).list()) listed(spec.text, file.name, file.bytes);
    } catch (error) {
      failed.push({
        target: spec.text,
        error: error instanceof Error ? error.message : String(error),
        code: error instanceof AppError ? error.code : 'storage',
      });
    }
  }
  // Newest first across the places; the same backup in several places stays together.
  backups.sort((a, b) => (a.created_at === b.created_at ? 0 : a.created_at < b.created_at ? 1 : -1));
  return { backups, failed };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
