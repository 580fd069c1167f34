import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { AppError } from '../../core/errors';
import { stripUrlCredentials } from '../../security/redact';
import type { BackupTarget, TargetSpec } from './targets';
import { isBackupName } from '../../core/backups/retention';
import { checkLocalFile, checkName, errno, failure, newestFirst } from './target-common';

/** Uploads and downloads move a whole backup; anything else is one small request. */
const TRANSFER_TIMEOUT_MS = 10 * 60_000;
const CALL_TIMEOUT_MS = 60_000;

/** rclone's last stderr line is the one that says why; its date prefix and anything past 200 characters are noise. */
function lastLine(stderr: string): string {
  const lines = stderr
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\u0000-\u001f\u007f]/g, ' ').trim())
    .filter((line) => line !== '');
  const line = (lines.at(-1) ?? '').replace(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?\s+/, '');
  // A remote's URL may carry a user and password (an http or WebDAV remote): never shown.
  const safe = stripUrlCredentials(line);
  return safe.length > 200 ? `${safe.slice(0, 197)}...` : safe;
}

export function rcloneTarget(
  spec: Extract<TargetSpec, { kind: 'rclone' }>,
  command: string,
  env: NodeJS.ProcessEnv,
): BackupTarget {
  const at = (name?: string) => {
    if (name === undefined) return `${spec.remote}:${spec.path}`;
    return `${spec.remote}:${spec.path === '' || spec.path.endsWith('/') ? spec.path : `${spec.path}/`}${name}`;
  };

  /** Runs rclone (no shell, stdin closed so it can never wait on a prompt) to its exit code. */
  function run(args: string[], timeoutMs: number, onStdout?: (chunk: Buffer) => void): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve, reject) => {
      let stderr = '';
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done();
      };
      let child: ChildProcess;
      try {
        child = spawn(command, args, { env, stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'pipe'] });
      } catch (error) {
        // Thrown, not emitted, for arguments spawn refuses outright.
        return reject(failure(spec, 'provider_error', `could not run rclone (${errno(error)})`));
      }
      child.stdout?.on('data', (chunk: Buffer) => onStdout?.(chunk));
      child.stderr?.setEncoding('utf8');
      // Only the end matters (the last line says why), and rclone -v can say a lot.
      child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
      const timer = setTimeout(() => {
        // A hung remote must not block the daemon; SIGTERM first lets rclone clean up partial uploads.
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        settle(() => reject(failure(spec, 'provider_error', `rclone ${args[0]} gave no answer within ${timeoutMs / 1000} s`)));
      }, timeoutMs);
      child.on('error', (error: NodeJS.ErrnoException) =>
        settle(() =>
          reject(
            error.code === 'ENOENT'
              ? failure(
                  spec,
                  'provider_error',
                  'rclone is not installed (or not on PATH)',
                  'install it: https://rclone.org/install/',
                )
              : failure(spec, 'provider_error', `could not run rclone (${errno(error)})`),
          ),
        ),
      );
      child.on('close', (code, signal) =>
        settle(() =>
          code === null
            ? reject(failure(spec, 'provider_error', `rclone ${args[0]} was stopped by ${signal ?? 'a signal'}`))
            : resolve({ code, stderr }),
        ),
      );
    });
  }

  function rcloneFailed(verb: string, code: number, stderr: string): AppError {
    const why = lastLine(stderr) || `exit code ${code}`;
    const hint = /didn't find section in config file/.test(why) ? 'rclone config shows the remotes rclone knows' : undefined;
    return failure(spec, 'provider_error', `rclone ${verb} failed: ${why}`, hint);
  }

  async function rclone(args: string[], timeoutMs: number, onStdout?: (chunk: Buffer) => void): Promise<void> {
    const { code, stderr } = await run(args, timeoutMs, onStdout);
    if (code !== 0) throw rcloneFailed(args[0] ?? 'rclone', code, stderr);
  }

  return {
    spec,
    async put(localFile, name) {
      checkName(spec, name);
      await checkLocalFile(spec, localFile);
      // Absolute, so a local path can never be read as an rclone flag or a remote.
      await rclone(['copyto', path.resolve(localFile), at(name)], TRANSFER_TIMEOUT_MS);
    },
    async list() {
      const chunks: Buffer[] = [];
      const { code, stderr } = await run(['lsjson', '--files-only', at()], CALL_TIMEOUT_MS, (chunk) => chunks.push(chunk));
      // Exit 3 is rclone's "directory not found": nothing was written there yet (copyto creates it).
      if (code === 3) return [];
      if (code !== 0) throw rcloneFailed('lsjson', code, stderr);
      let entries: unknown;
      try {
        entries = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        throw failure(spec, 'provider_error', 'rclone lsjson printed something that is not JSON');
      }
      if (!Array.isArray(entries)) throw failure(spec, 'provider_error', 'rclone lsjson printed something that is not a list');
      return (entries as { Name?: unknown; Size?: unknown; ModTime?: unknown }[])
        .filter((e) => typeof e?.Name === 'string' && isBackupName(e.Name))
        .map((e) => ({
          name: e.Name as string,
          bytes: typeof e.Size === 'number' ? e.Size : 0,
          modifiedMs: typeof e.ModTime === 'string' && Number.isFinite(Date.parse(e.ModTime)) ? Date.parse(e.ModTime) : 0,
        }))
        .sort(newestFirst);
    },
    async readBack(name) {
      checkName(spec, name);
      const hash = crypto.createHash('sha256');
      // cat downloads the whole backup, so it gets the transfer timeout, not the 60 s one.
      await rclone(['cat', at(name)], TRANSFER_TIMEOUT_MS, (chunk) => hash.update(chunk));
      return hash.digest('hex');
    },
    async fetch(name, localFile) {
      checkName(spec, name);
      await rclone(['copyto', at(name), path.resolve(localFile)], TRANSFER_TIMEOUT_MS);
    },
    async remove(name) {
      checkName(spec, name);
      await rclone(['deletefile', at(name)], CALL_TIMEOUT_MS);
    },
  };
}
