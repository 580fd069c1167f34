import type { AppContext } from '../../app/context';
import { readDaemonStatus } from '../../app/daemon-status';
import type { Output } from '../render/output';

export default async function daemonStatus(ctx: AppContext, out: Output): Promise<void> {
  const s = await readDaemonStatus(ctx);
  if (out.json) return out.data(s);
  out.line(s.running ? out.color.green(`running (pid ${s.pid})`) : 'not running');
  if (s.started_at) out.line(`started     ${s.started_at}`);
  out.line(`last run    ${s.last_run_at ?? 'never'}`);
  if (s.rounds > 0)
    out.line(`rounds      ${s.rounds} since it started; the last took ${s.last_round_ms} ms, memory ${s.rss_mb} MB after it`);
  if (s.running) out.line(`next run    ${s.next_run_at ?? 'when the current one ends'}`);
}
