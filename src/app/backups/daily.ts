import fs from 'node:fs';
import { backupName } from '../../core/backups/retention';
import { backupsDir } from '../../storage/backup-file';
import { dailyBackup } from '../backup';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { writeEncryptedBackup } from './write-backup';

/**
 * The daemon's backup of the day. With a recovery key, one encrypted backup a day, written
 * to the data dir and every target (write-backup.ts keeps each target's 7 daily, 4 weekly
 * and 12 monthly ones); without, the plain copy in the data dir as before `backup init`.
 * Returns whether a backup was written this time.
 */
export async function backupOfTheDay(ctx: AppContext, env: NodeJS.ProcessEnv): Promise<boolean> {
  if ((await getSettings(ctx))['backup.recipient'] === null) return dailyBackup(ctx) !== undefined;
  const dir = backupsDir(ctx.home);
  // Names start with the UTC day (finagg-YYYYMMDD-): today's written already, by the daemon or by hand.
  const today = backupName(ctx.clock.nowMs()).slice(0, 'finagg-YYYYMMDD'.length);
  if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.startsWith(today) && f.endsWith('.tar.age'))) return false;
  await writeEncryptedBackup(ctx, { env, cwd: ctx.home });
  return true;
}
