import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { showValue } from '../../core/show-value';
import type { BackupTarget, TargetSpec } from './targets';
import { isBackupName } from '../../core/backups/retention';
import { checkLocalFile, checkName, errno, failure, newestFirst, sha256OfFile } from './target-common';

/** A folder target: a synced folder, a NAS mount; only finagg's backup names are touched in it. */
export function folderTarget(spec: Extract<TargetSpec, { kind: 'folder' }>): BackupTarget {
  const file = (name: string) => path.join(spec.path, name);

  /** The folder must exist: creating a missing mount point would fill the local disk instead of the NAS. */
  async function checkFolder(): Promise<void> {
    const stat = await fsp.stat(spec.path).catch((error: unknown) => errno(error));
    if (stat === 'ENOENT')
      throw failure(spec, 'not_found', 'the folder does not exist', 'create it, or mount the drive it is on');
    if (stat === 'ENOTDIR') throw failure(spec, 'invalid_input', 'a part of the path is a file, not a folder (ENOTDIR)');
    if (typeof stat === 'string') throw failure(spec, 'storage', `the folder cannot be read (${stat})`);
    if (!stat.isDirectory()) throw failure(spec, 'invalid_input', 'is a file, not a folder');
  }

  const failed = (name: string, doing: string) => (error: unknown) => {
    throw errno(error) === 'ENOENT'
      ? failure(spec, 'not_found', `there is no ${name}`)
      : failure(spec, 'storage', `cannot ${doing} ${name} (${errno(error)})`);
  };

  return {
    spec,
    async put(localFile, name) {
      checkName(spec, name);
      await checkFolder();
      await checkLocalFile(spec, localFile);
      // Written aside and renamed: a synced folder or a crash never shows a half-written backup.
      const temporary = file(`.${name}.${process.pid}.tmp`);
      try {
        await fsp.rm(temporary, { force: true }); // left by a crashed run that had the same pid
        const out = await fsp.open(temporary, 'wx', 0o600);
        try {
          await fsp.writeFile(out, fs.createReadStream(localFile));
          await out.sync(); // on disk before the rename makes it the backup
        } finally {
          await out.close();
        }
        await fsp.rename(temporary, file(name));
      } catch (error) {
        await fsp.rm(temporary, { force: true }).catch(() => undefined);
        throw failure(spec, 'storage', `cannot write ${name} (${errno(error)})`);
      }
      // The rename itself is durable once the folder is synced; some file systems cannot, which is fine.
      const dir = await fsp.open(spec.path, 'r').catch(() => undefined);
      await dir?.sync().catch(() => undefined);
      await dir?.close();
    },
    async list() {
      await checkFolder();
      const names = await fsp.readdir(spec.path).catch((error: unknown) => {
        throw failure(spec, 'storage', `cannot list the folder (${errno(error)})`);
      });
      const found = [];
      for (const name of names.filter(isBackupName)) {
        // Gone between readdir and stat: another run pruned it; it is not a backup any more.
        const stat = await fsp
          .stat(file(name))
          .catch((error: unknown) => (errno(error) === 'ENOENT' ? undefined : failed(name, 'read')(error)));
        if (stat?.isFile()) found.push({ name, bytes: stat.size, modifiedMs: stat.mtimeMs });
      }
      return found.sort(newestFirst);
    },
    async readBack(name) {
      checkName(spec, name);
      await checkFolder();
      return sha256OfFile(file(name)).catch(failed(name, 'read'));
    },
    async fetch(name, localFile) {
      checkName(spec, name);
      await checkFolder();
      await fsp.stat(file(name)).catch(failed(name, 'read'));
      await fsp.copyFile(file(name), localFile).catch((error: unknown) => {
        throw failure(spec, 'storage', `cannot copy ${name} to ${showValue(localFile)} (${errno(error)})`);
      });
    },
    async remove(name) {
      checkName(spec, name);
      await checkFolder();
      await fsp.unlink(file(name)).catch(failed(name, 'delete'));
    },
  };
}
