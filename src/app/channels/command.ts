import { spawn } from 'node:child_process';
import { firstLine } from '../../core/alert-delivery';
import { type ChannelOutcome, delivered, failed } from './outcome';

export const COMMAND_TIMEOUT_MS = 10_000;

/**
 * Runs the person's command through the shell with the alert JSON on stdin (and its id
 * and message in FINAGG_ALERT_ID and FINAGG_ALERT_MESSAGE, for one-liners without jq).
 * Exit 0 is success; otherwise the first line of stderr says why. Its stdout goes
 * nowhere, so it cannot mix into finagg's own output (`sync --json`).
 */
export function runAlertCommand(
  command: string,
  document: { id: number; message: string },
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<ChannelOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ChannelOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const posix = process.platform !== 'win32';
    const child = spawn(command, {
      shell: true,
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, FINAGG_ALERT_ID: String(document.id), FINAGG_ALERT_MESSAGE: document.message },
      // Its own process group, so a timeout stops what the shell started too, not just the shell.
      detached: posix,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    // A command that never reads its stdin (`exit 3`) closes the pipe early: its exit code is what counts.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(document));
    const timer = setTimeout(() => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
      settle(failed(`no exit within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => settle(failed(`could not run the shell: ${error.code ?? 'error'}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return settle(delivered);
      const why = firstLine(stderr);
      const status = code === null ? `killed by ${signal}` : `exit ${code}`;
      settle(failed(why ? `${status}: ${why}` : status));
    });
  });
}
