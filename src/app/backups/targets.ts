import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../core/errors';
import { showValue } from '../../core/show-value';
import { folderTarget } from './folder-target';
import { rcloneTarget } from './rclone-target';

/**
 * Where encrypted backups go: a folder (a synced folder, a NAS mount) or an rclone remote
 * (`rclone:<remote>:<path>`, through the person's own rclone and its config). The files are
 * encrypted already; a target only stores, lists, reads back and deletes them.
 */
export type TargetSpec =
  { kind: 'folder'; path: string; text: string } | { kind: 'rclone'; remote: string; path: string; text: string };

export interface BackupTarget {
  readonly spec: TargetSpec;
  put(localFile: string, name: string): Promise<void>;
  /** finagg's backups only, newest first. */
  list(): Promise<{ name: string; bytes: number; modifiedMs: number }[]>;
  /** The sha256 (hex) of the stored bytes, read back from the target. */
  readBack(name: string): Promise<string>;
  fetch(name: string, localFile: string): Promise<void>;
  remove(name: string): Promise<void>;
}

// rclone's rule for remote names: letters, digits, _ - . space (+ @ since 1.61), not starting with - or space.
const REMOTE_NAME = /^[\p{L}\p{N}_.+@](?:[\p{L}\p{N}_.+@ -]*[\p{L}\p{N}_.+@-])?$/u;

/** `error` says what is wrong, without the text: callers put the target (or the option) in front of it. */
export function parseTarget(text: string, cwd: string): TargetSpec | { error: string } {
  if (text.trim() === '') return { error: 'is empty: write a folder, or rclone:<remote>:<path>' };
  // A NUL cannot be in a path or an argument; said here rather than as an odd error at backup time.
  if (text.includes('\0')) return { error: 'contains a NUL character' };
  if (text.startsWith('rclone:')) {
    const rest = text.slice('rclone:'.length);
    const colon = rest.indexOf(':');
    if (colon < 0) return { error: 'write rclone:<remote>:<path> (the path may be empty)' };
    const remote = rest.slice(0, colon);
    if (remote === '') return { error: 'the rclone remote name is empty' };
    if (!REMOTE_NAME.test(remote))
      return { error: `${showValue(remote)} is not an rclone remote name (letters, digits, _ - . and space)` };
    // One spelling per place: no doubled or trailing slashes, so joining a name never makes `a//b`.
    const remotePath = rest.slice(colon + 1).replace(/\/{2,}/g, '/');
    return { kind: 'rclone', remote, path: remotePath === '/' ? remotePath : remotePath.replace(/\/$/, ''), text };
  }
  const expanded = text === '~' || text.startsWith('~/') ? path.join(os.homedir(), text.slice(1)) : text;
  return { kind: 'folder', path: path.resolve(cwd, expanded), text };
}

export function openTarget(spec: TargetSpec, options: { env: NodeJS.ProcessEnv; rclone?: string }): BackupTarget {
  return spec.kind === 'folder' ? folderTarget(spec) : rcloneTarget(spec, options.rclone ?? 'rclone', options.env);
}

/** parseTarget for a target the person named (backup.to, --to, restore's argument): a bad one is refused in one line. */
export function targetOf(text: string, cwd: string): TargetSpec {
  const spec = parseTarget(text, cwd);
  if ('error' in spec) throw new AppError('invalid_input', `backup target ${showValue(text)}: ${spec.error}`);
  return spec;
}
