import fs from 'node:fs';

/** Creates a dir only its owner can enter (0700), with its parents. */
export function ensurePrivateDir(dir: string): void {
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Exact mode on the dir we made. An existing dir is left as the person set it (it may
  // be a folder of theirs); doctor reports one that others can read.
  if (created !== undefined) fs.chmodSync(dir, 0o700);
}
