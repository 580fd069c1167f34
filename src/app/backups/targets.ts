import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../core/errors';
import { parseTargetText } from '../../core/backups/target-text';
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

/** `error` says what is wrong, without the text: callers put the target (or the option) in front of it. */
export function parseTarget(text: string, cwd: string): TargetSpec | { error: string } {
  const read = parseTargetText(text);
  if ('error' in read) return read;
  if (read.kind === 'rclone') return { ...read, text };
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
