import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors';

export const DATA_KEY_BYTES = 32;
/** Standard base64 of 32 bytes: 43 characters, then one `=` (optional here). */
const BASE64_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=?$/;

export const encodeKey = (key: Buffer): string => key.toString('base64');

/** The key from its base64 text, or undefined when the text is not exactly 32 bytes' worth. */
export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!BASE64_KEY.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === DATA_KEY_BYTES ? key : undefined;
}

export const keyFilePath = (home: string): string => path.join(home, 'key');

export function keyFileExists(home: string): boolean {
  return fs.existsSync(keyFilePath(home));
}

export function readKeyFile(home: string): Buffer {
  const file = keyFilePath(home);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('security', `the key file ${file} cannot be read`, 'check its owner and mode (0600)', {
      cause: error,
    });
  }
  const key = decodeKey(text);
  // The file's content is never quoted: a damaged key is still most of a key.
  if (!key) throw new AppError('security', `the key file ${file} is damaged`, 'restore it from a backup');
  return key;
}

/**
 * Writes a new key file. The key is written to a private temp file (O_EXCL, 0600 from
 * creation, so it is never readable by others even for a moment) and then hard-linked
 * to `key`, which fails if `key` exists: a concurrent reader never sees half a key, and
 * of two processes racing to create one, exactly one wins. Returns the key now in the
 * file, which is the other process's key when this one lost the race.
 */
export function createKeyFile(home: string, key: Buffer, tempSuffix: string): { key: Buffer; created: boolean } {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = keyFilePath(home);
  const temp = `${file}.${tempSuffix}.tmp`;
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    fs.writeSync(fd, `${encodeKey(key)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
    return { key, created: true };
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return { key: readKeyFile(home), created: false };
    throw new AppError('storage', `cannot create the key file ${file}`, 'check that the data dir is writable', {
      cause: error,
    });
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
