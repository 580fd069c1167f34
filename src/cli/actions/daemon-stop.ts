import { setTimeout as delay } from 'node:timers/promises';
import type { AppContext } from '../../app/context';
import { runningDaemonPid } from '../../app/daemon/pid-lock';
import { AppError } from '../../core/errors';
import type { Output } from '../render/output';

/** SIGTERM, then wait: the daemon finishes its page in flight and exits within 10 s. */
export default async function daemonStop(ctx: AppContext, out: Output): Promise<void> {
  const pid = runningDaemonPid(ctx.home);
  if (pid === undefined) {
    if (out.json) return out.data({ stopped: false, running: false });
    return out.line('not running');
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 12_000; waited += 100) {
    if (runningDaemonPid(ctx.home) === undefined) {
      if (out.json) return out.data({ stopped: true, pid });
      return out.line(`stopped the daemon (pid ${pid})`);
    }
    await delay(100);
  }
  throw new AppError('busy', `the daemon (pid ${pid}) did not stop within 12 s`, `kill ${pid}`);
}
