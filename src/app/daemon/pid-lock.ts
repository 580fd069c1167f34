import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors';

export interface DaemonLock {
  release(): void;
}

/** The file that says which process is the daemon of a data dir. */
export function pidFile(home: string): string {
  return path.join(home, 'daemon.pid');
}

/** The pid in the pid file when that process still lives, else undefined. */
export function runningDaemonPid(home: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(pidFile(home), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A pid the system gave to another program after a crash is not our daemon.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('finagg');
  } catch {
    return true; // no /proc (macOS): a live pid is taken as the daemon
  }
}

/**
 * One daemon per data dir: the pid file is created exclusively (a hard link of a file
 * holding our pid, which fails if it exists). A pid file whose process is gone (a killed
 * daemon) is stale and taken over, so nothing can leave the lock stuck.
 */
export function acquireDaemonLock(home: string): DaemonLock {
  const target = pidFile(home);
  const mine = `${target}.${process.pid}`;
  fs.writeFileSync(mine, `${process.pid}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(mine, target);
        return {
          release() {
            try {
              if (fs.readFileSync(target, 'utf8').trim() === String(process.pid)) fs.unlinkSync(target);
            } catch {
              // already gone
            }
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = runningDaemonPid(home);
        if (pid !== undefined)
          throw new AppError('busy', `already running (pid ${pid})`, 'finagg daemon status; finagg daemon stop');
        fs.rmSync(target, { force: true }); // stale: its process is gone
      }
    }
    throw new AppError('busy', 'could not take the daemon lock', 'try again');
  } finally {
    fs.rmSync(mine, { force: true });
  }
}
