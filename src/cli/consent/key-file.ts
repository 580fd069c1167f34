import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { invalidInput } from '../../core/errors';

/** A PEM private key is a few kilobytes; a bigger file is not one. */
const MAX_KEY_BYTES = 64 * 1024;

/**
 * The text of `--key-file`. Errors name the option and the path, never a byte of the
 * file: it holds the application's private key.
 */
export function readKeyFile(path: string, cwd: string): string {
  const full = resolve(cwd, path);
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) throw invalidInput(`--key-file: ${JSON.stringify(path)} is not a file`);
    size = stat.size;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw invalidInput(`--key-file: no file ${JSON.stringify(path)}`);
    if ((error as { code?: string }).code === 'EACCES')
      throw invalidInput(`--key-file: ${JSON.stringify(path)} cannot be read (permission denied)`);
    throw error;
  }
  if (size > MAX_KEY_BYTES)
    throw invalidInput(`--key-file: ${JSON.stringify(path)} is too big to be a private key (${size} bytes)`);
  return readFileSync(full, 'utf8');
}
