import fs from 'node:fs';
import path from 'node:path';
import { identityToRecipient } from 'age-encryption';
import { AGE_IDENTITY } from '../../core/backups/manifest';
import { AppError, invalidInput } from '../../core/errors';
import { showValue } from '../../core/show-value';
import { ensurePrivateDir } from '../../storage/private-dir';
import { isFile, restore } from '../backup';
import type { AppContext } from '../context';
import { ArchiveError, openEncryptedArchive } from './archive';
import { openTarget, targetOf } from './targets';

export interface EncryptedRestore {
  /** The backup file the database now is (for a target, its newest backup). */
  path: string;
  /** Rows per table, as the backup's manifest counted them. */
  rows: Record<string, number>;
  /** Where the database it replaced was put. */
  previous: string | null;
  created_at: string;
  /** Where this machine now keeps the data key the backup brought. */
  key_store: string;
}

/**
 * `finagg restore <file or target> --recovery-key-stdin`: opens the backup whole into a
 * private folder first (every byte authenticated, the manifest and the database checked),
 * so a changed, cut or foreign file is refused with the home unchanged. Then the database
 * takes the current one's place (kept aside, as a plain restore does) and the data key
 * goes to this machine's key store, so the connections sync again without linking a bank.
 */
export async function restoreEncrypted(
  ctx: AppContext,
  source: string,
  recoveryKey: string,
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<EncryptedRestore> {
  // The key is never quoted back: it is a secret even when it is mistyped.
  if (!AGE_IDENTITY.test(recoveryKey) || !(await isIdentity(recoveryKey)))
    throw invalidInput('the recovery key is not an age identity (AGE-SECRET-KEY-1…, checked by its last characters)');
  // Opened inside the data dir: nothing decrypted is written outside it.
  const work = path.join(ctx.home, `.opening-${process.pid}`);
  ensurePrivateDir(ctx.home);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { mode: 0o700 });
  try {
    const file = await locate(source, work, options);
    let opened;
    try {
      opened = await openEncryptedArchive(file.path, recoveryKey, work);
    } catch (error) {
      if (error instanceof ArchiveError) throw invalidInput(`${showValue(file.shown)} cannot be restored: ${error.message}`);
      throw error;
    }
    // Another data key here would orphan the tokens sealed with it: refused before anything changes.
    const existing = await ctx.keyStore.getKey();
    if (existing && !existing.equals(opened.dataKey))
      throw new AppError(
        'conflict',
        'this data dir already has another data key',
        'restore into a new data dir (FINAGG_HOME), or move this one aside first',
      );
    const { previous } = await restore(ctx, opened.databaseFile);
    const keyStore = await ctx.keyStore.adoptKey(opened.dataKey);
    ctx.log.log('info', 'backup.restored_encrypted', { created_at: opened.manifest.created_at });
    return {
      path: file.shown,
      rows: opened.manifest.rows,
      previous,
      created_at: opened.manifest.created_at,
      key_store: keyStore,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The backup to open: a file, or the newest backup of a target (a folder or a remote), fetched into `work`. */
async function locate(
  source: string,
  work: string,
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<{ path: string; shown: string }> {
  const spec = targetOf(source, options.cwd);
  if (spec.kind === 'folder' && isFile(spec.path)) return { path: spec.path, shown: spec.path };
  if (spec.kind === 'folder' && !fs.existsSync(spec.path))
    throw new AppError('not_found', `no file or folder ${showValue(source)}`);
  const target = openTarget(spec, { env: options.env });
  const newest = (await target.list())[0];
  if (!newest) throw new AppError('not_found', `${showValue(source)} holds no finagg backup`, 'see finagg backup list --to …');
  const fetched = path.join(work, newest.name);
  await target.fetch(newest.name, fetched);
  return {
    path: fetched,
    // As the person would write the file: rclone:b2: and rclone:b2:dir/ take the name directly.
    shown:
      spec.kind === 'folder'
        ? path.join(spec.path, newest.name)
        : `${spec.text.endsWith(':') || spec.text.endsWith('/') ? spec.text : `${spec.text}/`}${newest.name}`,
  };
}

/** Whether the key decodes (its bech32 checksum holds): a mistyped character is caught before any file is read. */
async function isIdentity(key: string): Promise<boolean> {
  try {
    await identityToRecipient(key);
    return true;
  } catch {
    return false; // the library's message quotes the key: not passed on
  }
}
