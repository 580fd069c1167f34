import { showValue } from '../show-value';

/**
 * A backup target as a person writes it: a folder, or `rclone:<remote>:<path>` (through the
 * person's own rclone and its config). Read here once, for `backup.to` (settings.ts) and
 * for `--to` and restore's argument (app/backups/targets.ts, which resolves a folder).
 */
export type TargetText = { kind: 'folder'; folder: string } | { kind: 'rclone'; remote: string; path: string };

// rclone's rule for remote names: letters, digits, _ - . space (+ @ since 1.61), not starting with - or space.
const REMOTE_NAME = /^[\p{L}\p{N}_.+@](?:[\p{L}\p{N}_.+@ -]*[\p{L}\p{N}_.+@-])?$/u;

/** `error` says what is wrong, without the text: callers put the target (or the option) in front of it. */
export function parseTargetText(text: string): TargetText | { error: string } {
  if (text.trim() === '') return { error: 'is empty: write a folder, or rclone:<remote>:<path>' };
  // A NUL cannot be in a path or an argument; said here rather than as an odd error at backup time.
  if (text.includes('\0')) return { error: 'contains a NUL character' };
  if (!text.startsWith('rclone:')) return { kind: 'folder', folder: text };
  const rest = text.slice('rclone:'.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return { error: 'write rclone:<remote>:<path> (the path may be empty)' };
  const remote = rest.slice(0, colon);
  if (remote === '') return { error: 'the rclone remote name is empty' };
  if (!REMOTE_NAME.test(remote))
    return { error: `${showValue(remote)} is not an rclone remote name (letters, digits, _ - . and space)` };
  // One spelling per place: no doubled or trailing slashes, so joining a name never makes `a//b`.
  const remotePath = rest.slice(colon + 1).replace(/\/{2,}/g, '/');
  return { kind: 'rclone', remote, path: remotePath === '/' ? remotePath : remotePath.replace(/\/$/, '') };
}
